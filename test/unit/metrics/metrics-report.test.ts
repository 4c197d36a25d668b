/** The repository's figures: sums over agents, edits per time bucket, and the bottlenecks. */
import { describe, expect, it } from 'vitest';
import { newAgentRecord, type AgentRecord } from '../../../src/core/metrics/agent-record';
import { buildMetricsReport } from '../../../src/core/metrics/metrics-report';

function record(id: string, patch: Partial<AgentRecord>): AgentRecord {
  return { ...newAgentRecord(id, id), ...patch };
}

const usage = (input: number, output: number) => ({ input, cachedInput: 0, output, reasoningOutput: 0, total: input + output });

describe('buildMetricsReport', () => {
  it('sums agents, buckets their edits over time, and ranks claims waited on and agents that waited', () => {
    const a = record('a', {
      marks: [{ at: 0, status: 'working' }],
      waits: [{ id: 'w1', pattern: 'src/shared.ts', from: 10_000, to: 40_000 }],
      byModel: { 'gpt-5': usage(1_000_000, 0) },
      sessions: { log: { total: usage(1_000_000, 0), turns: 3 } },
      edits: [{ at: 5_000, files: 1 }, { at: 65_000, files: 2 }],
      editCount: 2,
      toolCalls: 4,
    });
    const b = record('b', {
      marks: [{ at: 0, status: 'working' }, { at: 20_000, status: 'waiting-for-input' }],
      waits: [{ id: 'w2', pattern: 'README.md', from: 1_000, to: 6_000 }],
      byModel: { 'local-llm': usage(10, 10) },
      edits: [{ at: 7_000, files: 1 }],
      editCount: 1,
      refusedWrites: 2,
    });
    const report = buildMetricsReport({
      repo: '/r',
      now: 90_000,
      records: [a, b],
      agents: [],
      prices: { 'gpt-5': { input: 1, cachedInput: 0.1, output: 10 } },
      worktree: new Map([['a', { files: 2, added: 10, removed: 1 }]]),
      conflicts: new Map([['b', 1]]),
    });
    expect(report.totals).toMatchObject({ wallMs: 180_000, modelTurns: 3, toolCalls: 4, edits: 3, filesChanged: 2, linesAdded: 10, refusedWrites: 2, conflicts: 1 });
    expect(report.totals.tokens.total).toBe(1_000_020);
    // gpt-5 is priced, local-llm is not: the repository's cost says so.
    expect(report.totals.cost.usd).toBe(1);
    expect(report.totals.cost.note).toContain('local-llm');
    expect(report.agents.find((x) => x.id === 'b')!.cost).toEqual({ usd: null, note: expect.stringContaining('local-llm') });
    expect(report.velocity.bucketMs).toBe(5_000);
    expect(report.velocity.buckets.filter((x) => x.edits > 0).map((x) => [x.from, x.edits, x.byAgent])).toEqual([
      [5_000, 2, { a: 1, b: 1 }],
      [65_000, 1, { a: 1 }],
    ]);
    expect(report.bottlenecks.claims.map((c) => [c.pattern, c.waitedMs])).toEqual([
      ['src/shared.ts', 30_000],
      ['README.md', 5_000],
    ]);
    expect(report.bottlenecks.agents.map((x) => [x.id, x.waitingMs])).toEqual([
      ['b', 70_000 + 5_000],
      ['a', 30_000],
    ]);
  });
});
