/**
 * Who changed what, with real Codex agents against the scripted model: one agent edits with
 * apply_patch, another with a shell redirection, the user edits in between. Each change goes to
 * the right agent (or to nobody), and the journal keeps both versions of the file the two agents
 * overwrote, so the first can be restored. Needs `npm run build` (the hook script).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeTracker } from '../../src/core/changes/change-tracker';
import type { TrackedChange } from '../../src/core/changes/change-types';
import type { Agent } from '../../src/shared/domain';
import { HookInputSchema } from '../../src/shared/control';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { startHookedCore, type HookedCore } from '../harness/hooked-core';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** How often the test hands the orchestrator's agent records to the tracker (the orchestrator will push them). */
const AGENT_POLL_MS = 100;

describe('attribution of real Codex agents', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let hooked: HookedCore;
  let tracker: ChangeTracker;
  let poll: NodeJS.Timeout;
  let problems: string[];

  const agent = (id: string): Agent => hooked.core.list().find((a) => a.id === id)!;
  const launch = (name: string, scenario: string): string =>
    hooked.core.launch({ name, task: `${name} [scenario:${scenario}]`, codexHome: home.dir }).id;
  const changesOf = (path: string): TrackedChange[] => tracker.changes().filter((c) => c.path === path);
  const waitForChange = (path: string, test: (c: TrackedChange) => boolean, what: string): Promise<TrackedChange> =>
    waitFor(() => changesOf(path).find(test) ?? null, what, 30_000);

  /** Starts everything; `feedHooks` decides whether the tracker also hears the agents' hook events. */
  const setUp = async (feedHooks: boolean): Promise<void> => {
    await hooked.core.openRepo(repo.dir);
    tracker = new ChangeTracker({ repo: repo.dir, graceMs: 500, onProblem: (m) => problems.push(m) });
    await tracker.start();
    if (feedHooks) {
      // The control socket calls core.handleHook by name; wrapping it is how the test listens in.
      const handleHook = hooked.core.handleHook.bind(hooked.core);
      hooked.core.handleHook = (raw: unknown) => {
        const decision = handleHook(raw);
        const parsed = HookInputSchema.safeParse(raw);
        if (parsed.success) tracker.noteHookEvent(parsed.data.agentId, parsed.data.event, parsed.data.payload);
        return decision;
      };
    }
    poll = setInterval(() => {
      for (const a of hooked.core.list()) tracker.noteAgent(a);
    }, AGENT_POLL_MS);
  };

  beforeEach(async () => {
    problems = [];
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    hooked = await startHookedCore({ ...process.env, ...home.env }, 200);
  });
  afterEach(async () => {
    clearInterval(poll);
    await tracker?.dispose();
    await hooked.close();
    await model.close();
    home.remove();
    repo.remove();
  });

  it('attributes an apply_patch edit and a shell redirect to their agents, leaves the user edit unattributed, and undoes an overwrite', async () => {
    await setUp(true);
    model.script('patcher', [addFileStep('shared.txt', 'from the patcher'), addFileStep('patched.txt', 'patched'), { kind: 'message', text: 'patched' }]);
    model.script('sheller', [
      { kind: 'exec', cmd: 'echo from the shell > shell.txt' },
      { kind: 'exec', cmd: 'echo overwritten by the shell > shared.txt' },
      { kind: 'message', text: 'shelled' },
    ]);

    const patcher = launch('patcher', 'patcher');
    await waitFor(() => agent(patcher).completedTurns === 1, 'the patcher to finish', 60_000);
    for (const path of ['shared.txt', 'patched.txt']) {
      // The PreToolUse already names the file; the rollout's FileChange is the stronger evidence and wins.
      const change = await waitForChange(path, (c) => c.evidence.rule === 'rollout-file-change', `the rollout FileChange for ${path}`);
      expect(change).toEqual(expect.objectContaining({ kind: 'add', agentId: patcher, attribution: 'exact' }));
    }

    // The patcher ends (releasing any claim the write gate gave it on its files), then the user
    // edits while no agent runs anything.
    await hooked.core.stop(patcher, false);
    await new Promise((r) => setTimeout(r, 1_000));
    repo.write('README.md', '# edited by the user\n');
    const byUser = await waitForChange('README.md', () => true, "the user's edit");
    expect(byUser).toEqual(expect.objectContaining({ agentId: null, attribution: 'unattributed', evidence: { rule: 'no-agent-active' } }));

    const sheller = launch('sheller', 'sheller');
    await waitFor(() => agent(sheller).completedTurns === 1, 'the sheller to finish', 60_000);
    const shellWrite = await waitForChange('shell.txt', (c) => c.agentId === sheller, 'the shell write');
    expect(shellWrite).toEqual(
      expect.objectContaining({
        kind: 'add',
        attribution: 'exact',
        evidence: expect.objectContaining({ rule: 'command-writes-path', call: expect.objectContaining({ command: 'echo from the shell > shell.txt' }) }),
      }),
    );
    const overwrite = await waitForChange('shared.txt', (c) => c.agentId === sheller, 'the overwrite of shared.txt');
    expect(overwrite).toEqual(expect.objectContaining({ kind: 'modify', attribution: 'exact' }));

    // Nothing was blamed on the wrong agent, and the user's edit stayed the user's.
    for (const change of tracker.changes()) {
      const expected = { 'shared.txt': [patcher, sheller], 'patched.txt': [patcher], 'shell.txt': [sheller], 'README.md': [null] }[change.path];
      expect(expected, change.path).toContain(change.agentId);
    }

    // The journal kept both agents' versions; restoring the patcher's touches nothing else.
    await tracker.settled();
    const timeline = tracker.journal.timeline('shared.txt');
    expect(timeline.map((v) => [v.state, v.agentId])).toEqual([
      ['deleted', null],
      ['kept', patcher],
      ['kept', sheller],
    ]);
    const fromPatcher = timeline[1]!;
    expect(await tracker.journal.diff('shared.txt', 1, 2)).toContain('+from the patcher');
    await tracker.restore('shared.txt', fromPatcher.version);
    expect(repo.read('shared.txt')).toBe('from the patcher\n');
    expect(repo.read('shell.txt')).toBe('from the shell\n');
    expect(repo.read('README.md')).toBe('# edited by the user\n');
    expect(problems).toEqual([]);
  });

  it("attributes a shell write exactly from the agent's rollout alone, without hook events", async () => {
    await setUp(false);
    model.script('quiet-sheller', [{ kind: 'exec', cmd: 'echo rollout only > rollout.txt' }, { kind: 'message', text: 'done' }]);
    const id = launch('quiet-sheller', 'quiet-sheller');
    await waitFor(() => agent(id).completedTurns === 1, 'the agent to finish', 60_000);
    const change = await waitForChange('rollout.txt', (c) => c.agentId === id, 'the shell write');
    expect(change.attribution).toBe('exact');
    expect(change.evidence).toEqual(
      expect.objectContaining({ rule: 'command-writes-path', call: expect.objectContaining({ sources: ['rollout'], command: 'echo rollout only > rollout.txt' }) }),
    );
  });
});
