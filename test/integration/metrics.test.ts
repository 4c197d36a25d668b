/**
 * Metrics from a real Codex agent against the scripted model: the tokens `metrics.get` reports are
 * the ones the model server said it used (read from Codex's token_count events in its rollout log),
 * turns are the model's responses, and the figures survive a restart of Switchyard (they are kept
 * in `.agents/metrics/`). Needs `npm run build` (the hook client).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import type { CommandOutput } from '../../src/shared/contract';
import { DEFAULT_MODEL_PRICES } from '../../src/shared/model-prices';
import { APP_ROOT, startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

type Report = CommandOutput<'metrics.get'>;

async function metricsOf(core: Orchestrator, agentId?: string): Promise<Report> {
  const result = await createRouter(orchestratorHandlers(core)).handle('metrics.get', agentId ? { agentId } : {});
  if (!result.ok) throw new Error(`metrics.get failed: ${result.error.message}`);
  return result.value as Report;
}

describe('metrics of a real Codex agent', () => {
  let fixture: AgentsFixture;

  beforeEach(async () => {
    fixture = await startAgentsFixture();
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('reports the tokens the model server reported, its turns, tool calls and edits, and keeps them across a restart', async () => {
    const { model, repo } = fixture;
    // Distinct numbers per response, so a turn counted twice or missed would show.
    model.script('metered', [
      { ...addFileStep('metered.txt', 'counted'), usage: { input: 1_200, cachedInput: 800, output: 150, reasoningOutput: 40 } },
      { kind: 'exec', cmd: 'echo listed', login: false, usage: { input: 2_500, cachedInput: 2_000, output: 60 } },
      { kind: 'message', text: 'metered done', usage: { input: 3_100, cachedInput: 2_900, output: 25, reasoningOutput: 5 } },
    ]);
    const id = fixture.launch('metered', 'metered');
    await waitFor(() => fixture.agent(id).completedTurns === 1, 'the metered agent to finish', 60_000);
    const reported = model.usageReported('metered');
    expect(reported).toEqual({ input: 6_800, cachedInput: 5_700, output: 235, reasoningOutput: 45 });

    // The last token_count line lands in the rollout log around the Stop hook; the tailer reads it soon after.
    const agentMetrics = async () => (await metricsOf(fixture.hooked.core, id)).agents[0]!;
    await waitFor(async () => ((await agentMetrics()).tokens.total === reported.input + reported.output ? true : null), 'the metrics to hold every token', 30_000);
    const metrics = await agentMetrics();
    expect(metrics.tokens).toEqual({
      input: reported.input,
      cachedInput: reported.cachedInput,
      output: reported.output,
      reasoningOutput: reported.reasoningOutput,
      total: reported.input + reported.output,
    });
    expect(metrics.modelTurns).toBe(model.requestCount('metered'));
    expect(metrics.toolCalls).toBe(2);
    expect(metrics.edits).toBe(1);
    expect(metrics.model).toBe('gpt-5.2-codex');
    const price = DEFAULT_MODEL_PRICES['gpt-5.2-codex']!;
    const expectedUsd = ((reported.input - reported.cachedInput) * price.input + reported.cachedInput * price.cachedInput + reported.output * price.output) / 1e6;
    expect(metrics.cost.usd).toBeCloseTo(expectedUsd, 12);
    expect(metrics.cost.note).toBeNull();
    expect(metrics.timeline.map((s) => s.state)).toEqual(expect.arrayContaining(['queued', 'working']));
    expect(metrics.durations.working).toBeGreaterThan(0);
    expect(metrics.filesChanged).toBe(1);
    expect(metrics.linesAdded).toBe(1);

    const repoReport = await metricsOf(fixture.hooked.core);
    expect(repoReport.totals.tokens).toEqual(metrics.tokens);
    expect(repoReport.velocity.buckets.reduce((s, b) => s + b.edits, 0)).toBe(1);

    // Shutting down writes the records; a new Switchyard on the repository reads them back.
    await fixture.hooked.core.dispose(true);
    expect(fs.existsSync(path.join(repo.dir, '.agents', 'metrics', `${id}.json`))).toBe(true);
    const again = new Orchestrator({ appRoots: [APP_ROOT], env: { ...process.env, ...fixture.home.env } });
    try {
      await again.openRepo(repo.dir);
      const after = (await metricsOf(again, id)).agents[0]!;
      expect(after.tokens).toEqual(metrics.tokens);
      expect(after.modelTurns).toBe(metrics.modelTurns);
      expect(after.toolCalls).toBe(metrics.toolCalls);
      expect(after.edits).toBe(metrics.edits);
    } finally {
      await again.dispose(true);
    }
  });

  it('counts the time an agent waited on a claim another agent held, the refused write, and names the claim as the bottleneck', async () => {
    const { model } = fixture;
    model.script('holder', [{ kind: 'message', text: 'holding' }]);
    model.script('waiter', [addFileStep('shared.txt', 'mine now?'), { kind: 'message', text: 'could not write' }]);
    const holder = fixture.launch('holder', 'holder', { claims: ['shared.txt'] });
    await waitFor(() => fixture.agent(holder).completedTurns === 1, 'the holder to finish its turn (it keeps its claim while open)', 60_000);
    // The waiter's launch claim queues behind the holder's; its write to the file is refused meanwhile.
    const waiter = fixture.launch('waiter', 'waiter', { claims: ['shared.txt'] });
    await waitFor(() => fixture.agent(waiter).completedTurns === 1, 'the waiter to finish its turn', 60_000);
    const during = (await metricsOf(fixture.hooked.core, waiter)).agents[0]!;
    expect(during.refusedWrites).toBe(1);
    expect(during.timeline.at(-1)?.state).toBe('waiting-on-claim');

    // The holder ends: after the lock-delay its claim goes to the waiter, and the wait ends.
    await fixture.hooked.core.stop(holder, false);
    await waitFor(() => fixture.hooked.core.listLocks().claims.some((c) => c.agentId === waiter && c.pattern === 'shared.txt'), 'the claim to pass to the waiter', 30_000);
    const report = await waitFor(async () => {
      const r = await metricsOf(fixture.hooked.core);
      return r.agents.find((a) => a.id === waiter)?.timeline.at(-1)?.state !== 'waiting-on-claim' ? r : null;
    }, 'the wait to end in the metrics');
    const after = report.agents.find((a) => a.id === waiter)!;
    expect(after.durations['waiting-on-claim']).toBeGreaterThan(0);
    expect(report.bottlenecks.claims[0]).toMatchObject({ pattern: 'shared.txt', waits: 1, agents: [waiter] });
    expect(report.bottlenecks.claims[0]!.waitedMs).toBeGreaterThanOrEqual(after.durations['waiting-on-claim']!);
    expect(report.totals.refusedWrites).toBe(1);
  });
});
