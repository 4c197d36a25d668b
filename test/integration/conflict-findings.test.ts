/**
 * Duplicate and broken-import findings with real Codex agents against the scripted model, read
 * through `review.report` (what `switchyard review --json` prints): two agents given one task
 * under different ticket tags are flagged as duplicates, with the second's refused writes on the
 * first's claim as evidence; an agent removing an export that another agent's new file (and an
 * unchanged file) imports is reported as a broken import, naming both. Needs `npm run build`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import type { CommandOutput } from '../../src/shared/contract';
import type { Conflict } from '../../src/shared/conflicts';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep, type ScenarioStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

describe('conflict findings from real Codex agents', () => {
  let fixture: AgentsFixture;

  beforeEach(async () => {
    fixture = await startAgentsFixture();
  });
  afterEach(() => fixture.close());

  /** The conflicts as `switchyard review --json` reports them. */
  const reviewed = async (): Promise<Conflict[]> => {
    const answer = await createRouter(orchestratorHandlers(fixture.hooked.core)).handle('review.report', {});
    if (!answer.ok) throw new Error(answer.error.message);
    return (answer.value as CommandOutput<'review.report'>).conflicts;
  };
  const findConflict = (test: (c: Conflict) => boolean, what: string): Promise<Conflict> =>
    waitFor(async () => (await reviewed()).find(test) ?? null, what, 30_000);

  it('flags two agents launched with one task under different ticket tags, with the refused writes as evidence', async () => {
    const { model, repo } = fixture;
    const file = 'src/inventory.ts';
    model.script('inv-first', [addFileStep(file, 'export const hops = [];'), { kind: 'message', text: 'first idles', delayMs: 60_000 }]);
    const tryWrite: ScenarioStep = { kind: 'exec', cmd: `printf 'export const hops = ["b"];\\n' > ${file}` };
    model.script('inv-second', [{ kind: 'exec', cmd: `until [ -f ${file} ]; do sleep 0.2; done` }, tryWrite, tryWrite, { kind: 'message', text: 'gave up' }]);

    const first = fixture.launch('first', 'inv-first', { task: '[PROJ-12] Add inventory endpoints for hops [scenario:inv-first]' });
    await waitFor(() => repo.exists(file), 'the first agent to write src/inventory.ts', 60_000);
    const second = fixture.launch('second', 'inv-second', { task: '[PROJ-15] Add inventory endpoints for hops [scenario:inv-second]' });
    await waitFor(() => fixture.agent(second).completedTurns === 1, 'the second agent to give up', 90_000);
    expect(repo.read(file)).toBe('export const hops = [];\n');

    const duplicate = await findConflict((c) => c.kind === 'duplicate' && c.summary.includes('refused 2 writes'), 'the duplicate with its evidence');
    expect(duplicate).toMatchObject({ severity: 'warning', agents: [first, second], paths: [file] });
    expect(duplicate.summary).toContain('have the same task once ticket references and tags are ignored (similarity 1.00)');
    expect(duplicate.summary).toContain(`agent "second" (${second}) was refused 2 writes on agent "first" (${first})'s claim ${file}`);
    expect(duplicate.actions).toContainEqual(expect.objectContaining({ type: 'stop-agent', agentId: second }));
  });

  it('reports the imports an agent broke by removing an export: in an unchanged file and in another agent\'s new file', async () => {
    const { model, repo } = fixture;
    repo.write('src/cart.ts', 'export function total(items: number[]): number {\n  return items.length;\n}\nexport const TAX = 0.2;\n');
    repo.write('src/checkout.ts', "import { total } from './cart';\nexport const pay = total([1]);\n");
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'cart and checkout');
    model.script('trimmer', [{ kind: 'exec', cmd: `printf 'export const TAX = 0.2;\\n' > src/cart.ts` }, { kind: 'message', text: 'trimmed' }]);
    model.script('reporter', [
      addFileStep('src/report.ts', "import { total, TAX } from './cart';\nimport { discount } from './pricing';\nexport const report = total([TAX, discount]);"),
      { kind: 'message', text: 'reported' },
    ]);

    const trimmer = fixture.launch('trimmer', 'trimmer');
    await waitFor(() => fixture.agent(trimmer).completedTurns === 1, 'the trimmer to finish', 60_000);
    const reporter = fixture.launch('reporter', 'reporter');
    await waitFor(() => fixture.agent(reporter).completedTurns === 1, 'the reporter to finish', 60_000);

    const inReport = await findConflict(
      (c) => c.kind === 'broken-import' && c.paths[0] === 'src/report.ts' && c.summary.includes('total'),
      "the broken import in the reporter's file",
    );
    expect(inReport).toMatchObject({ paths: ['src/report.ts', 'src/cart.ts'], agents: [reporter, trimmer] });
    expect(inReport.summary).toBe('src/report.ts imports total from ./cart (src/cart.ts), which was removed by agent "trimmer".');
    expect(inReport.actions.filter((a) => a.type === 'message-agent').map((a) => a.type === 'message-agent' && a.agentId)).toEqual([reporter, trimmer]);

    const never = await findConflict((c) => c.kind === 'broken-import' && c.summary.includes('./pricing'), 'the import of a module that never existed');
    expect(never).toMatchObject({ paths: ['src/report.ts'], agents: [reporter] });
    expect(never.summary).toBe('src/report.ts imports the module ./pricing, which does not exist.');

    const inCheckout = await findConflict((c) => c.kind === 'broken-import' && c.paths[0] === 'src/checkout.ts', 'the broken import in the unchanged checkout');
    expect(inCheckout).toMatchObject({ agents: [trimmer] });
    // The name the module still exports is fine.
    expect((await reviewed()).filter((c) => c.kind === 'broken-import' && c.summary.includes('TAX'))).toEqual([]);
  });
});
