/** RepoMetrics: status marks, claim waits from the lock table's deltas, refusals, and the records kept on disk. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoMetrics } from '../../../src/core/metrics/repo-metrics';
import { AgentSchema, type Agent, type AgentStatus } from '../../../src/shared/domain';
import type { WaiterView } from '../../../src/shared/locks';

const agent = (status: AgentStatus, patch: Partial<Agent> = {}): Agent =>
  AgentSchema.parse({ id: 'alpha-1a2b', name: 'alpha', task: 't', status, pid: null, repo: '/r', claims: [], cols: 80, rows: 24, startedAt: new Date(1_000).toISOString(), endedAt: null, exitCode: null, detail: null, ...patch });
const waiter = (id: string, since: number): WaiterView => ({ id, agentId: 'alpha-1a2b', pattern: 'src/shared.ts', kind: 'file', mode: 'exclusive', priority: 0, since: new Date(since).toISOString(), deadline: null });

describe('RepoMetrics', () => {
  let repo: string;
  let now: number;
  let problems: string[];
  const make = () => new RepoMetrics({ now: () => now, onProblem: (m) => problems.push(m), flushDelayMs: 60_000 });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-metrics-'));
    now = 5_000;
    problems = [];
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('records status changes from launch, claim waits from lock deltas and refused writes, and reads them back after a restart', async () => {
    const metrics = make();
    metrics.open(repo);
    metrics.noteAgent(agent('queued'));
    now = 6_000;
    metrics.noteAgent(agent('working'));
    metrics.noteLocks({ waiting: { set: [waiter('w1', 7_000)], removed: [] } });
    now = 9_500;
    metrics.noteLocks({ waiting: { set: [], removed: ['w1'] } });
    metrics.noteRefusedWrite('alpha-1a2b');
    metrics.noteRefusedWrite('nobody');
    const [record] = metrics.list();
    // The record starts when the agent was launched (its startedAt), not when metrics first saw it.
    expect(record!.marks).toEqual([
      { at: 1_000, status: 'queued' },
      { at: 6_000, status: 'working' },
    ]);
    expect(record!.waits).toEqual([{ id: 'w1', pattern: 'src/shared.ts', from: 7_000, to: 9_500 }]);
    expect(record!.refusedWrites).toBe(1);
    expect(fs.existsSync(path.join(repo, '.agents', 'metrics', 'alpha-1a2b.json'))).toBe(false);
    await metrics.flush();

    const again = make();
    again.open(repo);
    expect(again.list()).toEqual([record]);
    // Found ended after the restart: it ended when its record says, not when Switchyard came back.
    now = 100_000;
    again.noteAgent(agent('failed', { endedAt: new Date(20_000).toISOString() }));
    expect(again.list()[0]!.marks.at(-1)).toEqual({ at: 20_000, status: 'failed' });
    expect(problems).toEqual([]);
  });

  it('closes a wait left open by a previous process at the agent’s last known state, and skips an unreadable file', async () => {
    const metrics = make();
    metrics.open(repo);
    metrics.noteAgent(agent('working'));
    metrics.noteLocks({ waiting: { set: [waiter('w1', 5_000)], removed: [] } });
    now = 8_000;
    metrics.noteAgent(agent('finished'));
    await metrics.flush();
    fs.writeFileSync(path.join(repo, '.agents', 'metrics', 'junk.json'), '{"not":"a record"}');
    const again = make();
    again.open(repo);
    expect(again.list()[0]!.waits).toEqual([{ id: 'w1', pattern: 'src/shared.ts', from: 5_000, to: 8_000 }]);
    expect(problems).toEqual(['junk.json is not a metrics record; skipped.']);
  });
});
