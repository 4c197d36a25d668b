/**
 * Nothing lost across a restart: two real Codex agents edit a real repository through
 * apply_patch under `switchyard serve`; switching to another repository and back, and stopping
 * and starting `serve`, give the same review and the same per-agent commit plan. Files changed
 * while `serve` was down are marked as changed while Switchyard was not running: in their own
 * review group and flagged in the plan, never given to an agent or lumped with the user's edits.
 * Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../src/shared/changes';
import type { CommitPlan } from '../../src/core/commit/commit-plan';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs, type HostWsClient } from '../harness/host-clients';
import { addFileStep, startModelServer, updateFileStep, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** Attribution comes from Codex's hooks and the watcher, a moment after the file appears. */
const ATTRIBUTION_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 240_000;
const README = ['# restart test', '', 'one', 'two', 'three', 'four', 'five', 'last line', ''].join('\n');

interface Snapshot {
  review: ReviewReport;
  plan: { plan: CommitPlan; warnings: string[] };
  dryRun: unknown;
}

describe('a restart keeps who changed what', { timeout: TEST_TIMEOUT_MS }, () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let other: TempRepo;
  let env: NodeJS.ProcessEnv;
  let serve: ServeProcess;
  let ws: HostWsClient;
  const ids = { alpha: '', beta: '' };

  const invoke = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = (await ws.invoke(name, input, 60_000)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message}`);
    return answer.value as T;
  };
  const cliJson = async (...args: string[]): Promise<unknown> => {
    const run = await serve.cli(...args, '--repo', repo.dir, '--json');
    if (run.code !== 0) throw new Error(`switchyard ${args.join(' ')} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as unknown;
  };
  /** What the user relies on before committing: the review (CLI), the wizard's plan (WebSocket) and the commit preview (CLI). */
  const snapshot = async (): Promise<Snapshot> => ({
    review: (await cliJson('review')) as ReviewReport,
    plan: await invoke('commit.plan', { strategy: 'per-agent' }),
    dryRun: await cliJson('commit', '--per-agent', '--dry-run'),
  });
  const restartServe = async (): Promise<void> => {
    ws.close();
    await serve.stop();
    serve = await startServe(repo.dir, env);
    ws = await connectWs(serve);
  };
  const filesOf = (report: ReviewReport) => report.groups.map((g) => [g.agentId, g.offline, g.files.map((f) => [f.path, f.attribution])]);

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    other = makeTempRepo();
    repo.write('README.md', README);
    repo.git('commit', '-qam', 'a README with room for two separate edits');
    env = cliEnv({ ...home.env, CODEX_HOME: home.dir });
    serve = await startServe(repo.dir, env);
    ws = await connectWs(serve);

    model.script('alpha', [addFileStep('src/alpha.ts', 'export const alpha = 1;'), { kind: 'message', text: 'done' }]);
    model.script('beta', [updateFileStep('README.md', 'one', ['one, as beta wrote it']), { kind: 'message', text: 'done' }]);
    for (const name of ['alpha', 'beta'] as const) {
      const launched = (await cliJson('launch', '--name', name, '--task', `Work on ${name} [scenario:${name}]`)) as { id: string };
      ids[name] = launched.id;
    }
    await waitFor(() => repo.exists('src/alpha.ts') && repo.read('README.md').includes('beta wrote it'), 'both agents to write', ATTRIBUTION_TIMEOUT_MS);
    await waitFor(
      async () => {
        const review = (await cliJson('review')) as ReviewReport;
        return review.groups.filter((g) => g.agentId !== null).length === 2 || null;
      },
      'both agents to be attributed',
      ATTRIBUTION_TIMEOUT_MS,
    );
    // Agents must be stopped before the repository can be switched; their work stays theirs.
    await invoke('agents.stopAll', {});
    // The user's own edit while no agent runs anything.
    repo.write('notes.txt', 'the user wrote this\n');
    await waitFor(
      async () => ((await cliJson('review')) as ReviewReport).groups.some((g) => g.files.some((f) => f.path === 'notes.txt')) || null,
      "the user's edit to be seen",
      ATTRIBUTION_TIMEOUT_MS,
    );
  }, 180_000);

  afterAll(async () => {
    ws?.close();
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
    other?.remove();
  });

  let before: Snapshot;

  it('gives each agent its files, and the user their own edit, before any restart', async () => {
    before = await snapshot();
    expect(filesOf(before.review)).toEqual([
      [ids.alpha, false, [['src/alpha.ts', 'exact']]],
      [ids.beta, false, [['README.md', 'exact']]],
      [null, false, [['notes.txt', 'unattributed']]],
    ]);
    expect(before.plan.plan.groups.map((g) => [g.id, g.files.map((f) => f.path)])).toEqual([
      [`agent:${ids.alpha}`, ['src/alpha.ts']],
      [`agent:${ids.beta}`, ['README.md']],
      ['unattributed', ['notes.txt']],
    ]);
  });

  it('switching to another repository and back gives the same review and plan', async () => {
    expect(await invoke('repo.open', { path: other.dir })).toEqual({ repo: other.dir });
    expect(await invoke('repo.open', { path: repo.dir })).toEqual({ repo: repo.dir });
    expect(await snapshot()).toEqual(before);
  });

  it('stopping and starting serve gives the same review and plan', async () => {
    await restartServe();
    expect(await snapshot()).toEqual(before);
  });

  it("marks what changed while serve was down as such, apart from the agents' and the user's work", async () => {
    ws.close();
    await serve.stop();
    // While nobody watches: beta's file gets a line far from beta's, and a new file appears.
    repo.write('README.md', repo.read('README.md').replace('five', 'five, changed while Switchyard was down'));
    repo.write('offline.txt', 'written while Switchyard was down\n');
    serve = await startServe(repo.dir, env);
    ws = await connectWs(serve);

    const after = await snapshot();
    expect(filesOf(after.review)).toEqual([
      [ids.alpha, false, [['src/alpha.ts', 'exact']]],
      [ids.beta, false, [['README.md', 'exact']]],
      [
        null,
        true,
        [
          ['offline.txt', 'offline'],
          ['README.md', 'offline'],
        ],
      ],
      [null, false, [['notes.txt', 'unattributed']]],
    ]);
    expect(after.review.groups[2]!.name).toBe('changed while Switchyard was not running');

    // The plan: beta keeps its own hunk of README.md; the line changed offline goes to the
    // unattributed group flagged as such, with a warning, as does the new file.
    const groups = after.plan.plan.groups.map((g) => [g.id, g.files.map((f) => [f.path, f.attribution, f.hunks?.map((h) => h.newStart) ?? null])]);
    expect(groups).toEqual([
      [`agent:${ids.alpha}`, [['src/alpha.ts', 'exact', null]]],
      [`agent:${ids.beta}`, [['README.md', 'exact', [3]]]],
      [
        'unattributed',
        [
          ['README.md', 'offline', [7]],
          ['notes.txt', 'unattributed', null],
          ['offline.txt', 'offline', null],
        ],
      ],
    ]);
    expect(after.plan.plan.undecided).toEqual([]);
    expect(after.plan.warnings.join('\n')).toMatch(/2 files changed while Switchyard was not running \(README\.md, offline\.txt\)/);
  });
});
