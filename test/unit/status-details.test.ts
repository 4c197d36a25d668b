/** `switchyard status` explains, under its table, why each queued agent waits (and why one ended). */
import { describe, expect, it } from 'vitest';
import { detailLines } from '../../src/cli/commands';
import { AgentSchema, type Agent } from '../../src/shared/domain';

const agent = (id: string, status: Agent['status'], detail: string | null): Agent =>
  AgentSchema.parse({
    id, name: id, task: 't', status, pid: null, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, exitCode: null, detail,
  });

describe('status details', () => {
  it('lists the agents that have a detail, with their status, after a blank line', () => {
    const agents = [
      agent('busy-1', 'working', null),
      agent('next-1', 'queued', 'Waiting: 4 of 4 agents working (limit in Settings).'),
      agent('broke-1', 'failed', 'Codex exited with code 1.'),
    ];
    expect(detailLines(agents)).toEqual([
      '',
      'next-1 (queued): Waiting: 4 of 4 agents working (limit in Settings).',
      'broke-1 (failed): Codex exited with code 1.',
    ]);
  });

  it('prints nothing when no agent has one', () => {
    expect(detailLines([agent('busy-1', 'finished', null)])).toEqual([]);
  });
});
