/**
 * "Merge both" and "Resolve with an agent" with real Codex agents against the scripted model: two
 * agents edit one file, one of them from a stale copy, so its write drops the other's edit. The
 * overlap conflict offers the merge of the two journal versions on their base; merged through the
 * contract, the file holds both edits, the journal says it was a merge, and the commit plan still
 * gives each agent its own lines. A merge git cannot finish is never written unasked, and goes to a
 * new agent with an exclusive claim on the file. Needs `npm run build` (the hook script).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepoChanges } from '../../src/core/session/repo-changes';
import { createRouter, orchestratorHandlers, type Router } from '../../src/core/router';
import type { Conflict, ConflictAction } from '../../src/shared/conflicts';
import type { CommandName, CommandOutput } from '../../src/shared/contract';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { updateFileStep, type ScenarioStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

const LINES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;
const withLine = (index: number, line: string): string[] => LINES.map((l, i) => (i === index ? line : l));
/** A shell write of the whole file from a copy taken before the other agent's edit: the overwrite. */
/**
 * The overwrite, a model's "thought" after it saw the other's line: without that pause it can land
 * within the other agent's write call, when the watcher sees one change and gives it to that call.
 */
const staleWrite = (file: string, lines: readonly string[]): ScenarioStep => ({
  kind: 'exec',
  cmd: `printf '${lines.join('\\n')}\\n' > ${file}`,
  delayMs: 1_000,
});
const awaitLine = (file: string, line: string): ScenarioStep => ({ kind: 'exec', cmd: `until grep -q '${line}' ${file}; do sleep 0.2; done` });

type MergeAction = Extract<ConflictAction, { type: 'merge-versions' }>;
/** Runs of the same writer as one: a write the watcher saw in two steps (truncate, then fill) is still one writer's turn. */
const collapse = <T>(values: readonly T[]): T[] => values.filter((value, i) => i === 0 || value !== values[i - 1]);

describe('merging an overwrite with real Codex agents', () => {
  let fixture: AgentsFixture;
  let tracker: RepoChanges;
  let router: Router;
  let problems: string[];

  const call = async <K extends CommandName>(name: K, input: unknown): Promise<CommandOutput<K>> => {
    const result = await router.handle(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as CommandOutput<K>;
  };
  const overlapOn = (file: string): Conflict | null => tracker.conflicts().find((c) => c.kind === 'overlap' && c.paths.includes(file)) ?? null;
  const mergeActionOf = (conflict: Conflict): MergeAction => conflict.actions.find((a): a is MergeAction => a.type === 'merge-versions')!;
  const versions = ({ path: file, base, ours, theirs }: MergeAction) => ({ path: file, base, ours, theirs });

  beforeEach(async () => {
    problems = [];
    fixture = await startAgentsFixture(200);
    fixture.hooked.core.events.on('notification', (n) => {
      if (n.kind === 'problem') problems.push(`${n.title}: ${n.body}`);
    });
    tracker = fixture.hooked.core.changes;
    router = createRouter(orchestratorHandlers(fixture.hooked.core));
    // Observe mode: the writes onto the other agent's file go through, as an overwrite does.
    fixture.hooked.core.updateSettings({ gateMode: 'observe' });
    for (const file of ['a.txt', 'b.txt', 'c.txt']) fixture.repo.write(file, text(LINES));
    fixture.repo.git('add', '-A');
    fixture.repo.git('commit', '-q', '-m', 'lines');
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('merges both edits back after an overwrite in either direction, journaled as a merge, and each agent keeps its lines', async () => {
    const { model, repo } = fixture;
    // top edits a.txt, then overwrites b.txt from its stale copy; bottom does the same the other way round.
    model.script('top', [
      updateFileStep('a.txt', 'two', ['TWO by top']),
      awaitLine('b.txt', 'SEVEN by bottom'),
      staleWrite('b.txt', withLine(1, 'TWO by top')),
      { kind: 'message', text: 'top done' },
    ]);
    model.script('bottom', [
      awaitLine('a.txt', 'TWO by top'),
      staleWrite('a.txt', withLine(6, 'SEVEN by bottom')),
      updateFileStep('b.txt', 'seven', ['SEVEN by bottom']),
      { kind: 'message', text: 'bottom done' },
    ]);
    const top = fixture.launch('top', 'top');
    const bottom = fixture.launch('bottom', 'bottom');
    await waitFor(() => fixture.agent(top).completedTurns >= 1 && fixture.agent(bottom).completedTurns >= 1, 'both agents to finish', 90_000);
    await waitFor(() => (overlapOn('a.txt') && overlapOn('b.txt') ? true : null), 'the overlaps on a.txt and b.txt', 30_000);
    await tracker.settled();
    // Each overwrite lost the other agent's edit.
    expect(repo.read('a.txt')).toBe(text(withLine(6, 'SEVEN by bottom')));
    expect(repo.read('b.txt')).toBe(text(withLine(1, 'TWO by top')));

    const both = text(LINES.map((l, i) => (i === 1 ? 'TWO by top' : i === 6 ? 'SEVEN by bottom' : l)));
    for (const [file, overwriter, overwritten] of [
      ['a.txt', bottom, top],
      ['b.txt', top, bottom],
    ] as const) {
      const action = mergeActionOf(overlapOn(file)!);
      const timeline = tracker.timeline(file);
      expect(collapse(timeline.map((v) => v.agentId))).toEqual([null, overwritten, overwriter]);
      // base: the file as HEAD had it; theirs: the overwritten agent's last version; ours: the file now.
      expect(action).toEqual(
        expect.objectContaining({ base: 1, ours: timeline.at(-1)!.version, theirs: timeline.findLast((v) => v.agentId === overwritten)!.version }),
      );

      const preview = await call('conflicts.mergePreview', versions(action));
      expect(preview).toEqual(expect.objectContaining({ clean: true, conflicts: 0, merged: both }));
      expect(preview.theirs.agentId).toBe(overwritten);
      expect(preview.ours.agentId).toBe(overwriter);
      // Nothing is written by a preview.
      expect(repo.read(file)).not.toBe(both);

      const merged = await call('conflicts.merge', versions(action));
      expect(merged).toEqual({ version: action.ours + 1, conflicts: 0, written: true });
      expect(repo.read(file)).toBe(both);
      expect(tracker.timeline(file).at(-1)).toEqual(expect.objectContaining({ version: action.ours + 1, rule: 'merge', agentId: null }));
      // The merge settles the conflict on the file, as a restore does.
      expect(overlapOn(file)).toBeNull();
    }
    await tracker.settled();
    // The watcher seeing the merge's own write adds no change: the merge is Switchyard's, by nobody.
    for (const [file, first, second] of [
      ['a.txt', top, bottom],
      ['b.txt', bottom, top],
    ] as const) {
      const changes = tracker.trackedChanges().filter((c) => c.path === file);
      expect(collapse(changes.map((c) => (c.evidence.rule === 'merge' ? 'merge' : c.agentId)))).toEqual([first, second, 'merge']);
    }

    // Each agent's edit is still its own: the per-agent commit plan splits both files by hunk.
    const { plan } = await call('commit.plan', { strategy: 'per-agent' });
    expect(plan.undecided).toEqual([]);
    const hunksOf = (agentId: string, file: string) => plan.groups.find((g) => g.agentId === agentId)!.files.find((f) => f.path === file)!.hunks;
    for (const file of ['a.txt', 'b.txt']) {
      expect(hunksOf(top, file)).toEqual([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 }]);
      expect(hunksOf(bottom, file)).toEqual([{ oldStart: 7, oldLines: 1, newStart: 7, newLines: 1 }]);
    }
    expect(problems).toEqual([]);
  });

  it('never writes a conflicted merge unasked, and hands it to an agent with an exclusive claim and a task that says what happened', async () => {
    const { model, repo, hooked, home } = fixture;
    model.script('upper', [updateFileStep('c.txt', 'four', ['FOUR by upper']), { kind: 'message', text: 'upper done' }]);
    model.script('lower', [awaitLine('c.txt', 'FOUR by upper'), staleWrite('c.txt', withLine(3, 'four by lower')), { kind: 'message', text: 'lower done' }]);
    const upper = fixture.launch('upper', 'upper', { task: 'Shout the fourth line of c.txt [scenario:upper]' });
    const lower = fixture.launch('lower', 'lower', { task: 'Sign the fourth line of c.txt [scenario:lower]' });
    await waitFor(() => fixture.agent(upper).completedTurns >= 1 && fixture.agent(lower).completedTurns >= 1, 'both agents to finish', 90_000);
    const conflict = await waitFor(() => overlapOn('c.txt'), 'the overlap on c.txt', 30_000);
    await tracker.settled();
    const action = mergeActionOf(overlapOn('c.txt') ?? conflict);
    const overwritten = repo.read('c.txt');

    const preview = await call('conflicts.mergePreview', versions(action));
    expect(preview).toEqual(expect.objectContaining({ clean: false, conflicts: 1, regions: [{ start: 4, end: 8 }] }));
    expect(preview.merged).toContain(
      `<<<<<<< ours (version ${action.ours} by agent "lower")\nfour by lower\n=======\nFOUR by upper\n>>>>>>> theirs (version ${action.theirs} by agent "upper")`,
    );
    // Without the user's word, nothing is written.
    const refused = await router.handle('conflicts.merge', versions(action));
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('nothing was written') } });
    expect(repo.read('c.txt')).toBe(overwritten);
    expect(tracker.timeline('c.txt')).toHaveLength(action.ours);

    // The resolver agent plays a scenario the user's instructions name.
    const resolved = text(withLine(3, 'FOUR by upper, signed by lower'));
    model.script('resolver', [staleWrite('c.txt', withLine(3, 'FOUR by upper, signed by lower')), { kind: 'message', text: 'kept both' }]);
    // The writers are done with their turns: the message asking them to wait is typed at their
    // prompts because the user allows messages to reach idle agents.
    fixture.hooked.core.updateSettings({ deliverMessagesToIdle: true });
    const launched = await call('conflicts.resolveWithAgent', {
      ...versions(action),
      instructions: 'Keep the shouting. [scenario:resolver]',
      codexHome: home.dir,
    });
    expect(launched.name).toBe('merge c.txt');
    expect(new Set(launched.told)).toEqual(new Set([upper, lower]));

    const resolver = fixture.agent(launched.id);
    expect(resolver.claims).toEqual(['c.txt']);
    for (const phrase of [
      'Resolve a merge conflict in c.txt.',
      'From the user: Keep the shouting. [scenario:resolver]',
      `version ${action.theirs} ("theirs") was written by agent "upper". Its task was: "Shout the fourth line of c.txt [scenario:upper]"`,
      `version ${action.ours} ("ours", what c.txt holds now) was written by agent "lower". Its task was: "Sign the fourth line of c.txt [scenario:lower]"`,
      'both started from version 1 ("base")',
      `1 conflict region(s), at lines 4-8 of ${launched.folder}/merged`,
      'You hold an exclusive claim on c.txt',
      `>>>>>>> theirs (version ${action.theirs} by agent "upper")`,
    ]) {
      expect(resolver.task).toContain(phrase);
    }
    // The three versions and git's attempt are where the task says.
    const folder = path.join(repo.dir, ...launched.folder.split('/'));
    expect(fs.readFileSync(path.join(folder, 'base'), 'utf8')).toBe(text(LINES));
    expect(fs.readFileSync(path.join(folder, 'theirs'), 'utf8')).toBe(text(withLine(3, 'FOUR by upper')));
    expect(fs.readFileSync(path.join(folder, 'ours'), 'utf8')).toBe(overwritten);
    expect(fs.readFileSync(path.join(folder, 'merged'), 'utf8')).toBe(preview.merged);

    // The resolver holds the file exclusively, and its write is its own.
    await waitFor(() => (hooked.core.whoHolds('c.txt').some((c) => c.agentId === launched.id && c.mode === 'exclusive') ? true : null), "the resolver's claim", 30_000);
    await waitFor(() => fixture.agent(launched.id).completedTurns >= 1, 'the resolver to finish', 60_000);
    const resolverWrite = await waitFor(() => tracker.trackedChanges().find((c) => c.path === 'c.txt' && c.agentId === launched.id) ?? null, "the resolver's write", 30_000);
    expect(resolverWrite.attribution).toBe('exact');
    expect(repo.read('c.txt')).toBe(resolved);
    expect(model.lastInput('resolver')).toContain('Resolve a merge conflict in c.txt.');
    // The two writers were told, by a message, to keep off the file: their models got it as a new turn.
    const toWriters = fixture.hooked.core.listMessages().messages.filter((m) => m.text.includes('Do not edit c.txt until it is done'));
    expect(new Set(toWriters.map((m) => m.to))).toEqual(new Set([upper, lower]));
    for (const scenario of ['upper', 'lower']) {
      await waitFor(() => (model.lastInput(scenario).includes('Do not edit c.txt until it is done') ? true : null), `the message to ${scenario}`, 30_000);
    }
    expect(problems).toEqual([]);
  });
});
