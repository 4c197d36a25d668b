/** The queue's rules: order, dependency states, references and cycles. */
import { describe, expect, it } from 'vitest';
import { AgentSchema, type Agent } from '../../src/shared/domain';
import { dependencyState, findCycle, queueOrder, resolveReferences, waitReason, workingCount } from '../../src/core/agents/agent-queue';

const agent = (id: string, fields: Partial<Agent> = {}): Agent =>
  AgentSchema.parse({
    id, name: id, task: 't', status: 'queued', pid: null, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, exitCode: null, detail: null, ...fields,
  });

describe('agent queue', () => {
  it('orders by priority, then arrival', () => {
    const order = queueOrder([
      agent('late-high', { priority: 5, startedAt: '2026-01-01T00:00:03.000Z' }),
      agent('early-low', { priority: 0, startedAt: '2026-01-01T00:00:01.000Z' }),
      agent('early-high', { priority: 5, startedAt: '2026-01-01T00:00:02.000Z' }),
      agent('running', { status: 'working', priority: 99 }),
    ]);
    expect(order.map((a) => a.id)).toEqual(['early-high', 'late-high', 'early-low']);
  });

  it('is ready when dependencies finished their task, waits while they run, blocks when one failed', () => {
    const all = new Map(
      [
        agent('done', { status: 'finished', completedTurns: 1 }),
        agent('exited-ok', { status: 'exited', exitCode: 0 }),
        agent('running', { status: 'working' }),
        agent('failed', { status: 'failed', exitCode: 1 }),
        agent('stopped-early', { status: 'stopped' }),
      ].map((a) => [a.id, a]),
    );
    expect(dependencyState(agent('x', { after: ['done', 'exited-ok'] }), all)).toEqual({ kind: 'ready' });
    expect(dependencyState(agent('x', { after: ['done', 'running'] }), all)).toEqual({ kind: 'waiting', on: [all.get('running')] });
    expect(dependencyState(agent('x', { after: ['running', 'failed'] }), all)).toMatchObject({ kind: 'blocked', reason: expect.stringContaining('failed before finishing') });
    expect(dependencyState(agent('x', { after: ['stopped-early'] }), all)).toMatchObject({ kind: 'blocked' });
    expect(dependencyState(agent('x', { after: ['vanished'] }), all)).toMatchObject({ kind: 'blocked', reason: expect.stringContaining('no longer exists') });
  });

  it('lets a resumed agent (it has a Codex session) start although a dependency is gone', () => {
    const resumed = agent('x', { after: ['vanished'], sessionId: 'session-1' });
    expect(dependencyState(resumed, new Map())).toEqual({ kind: 'ready' });
  });

  it('counts agents on their task against the limit, not finished or ended ones', () => {
    const agents = [
      agent('a', { status: 'starting' }),
      agent('b', { status: 'ready' }),
      agent('c', { status: 'working' }),
      agent('d', { status: 'waiting-for-input' }),
      agent('e', { status: 'finished', completedTurns: 1 }),
      agent('f', { status: 'exited' }),
      agent('g', { status: 'queued' }),
      agent('h', { status: 'blocked' }),
    ];
    expect(workingCount(agents)).toBe(4);
  });

  it('says why a queued agent waits: its dependencies first, then the limit', () => {
    const build = agent('build-1', { name: 'build', status: 'working' });
    const lint = agent('lint-1', { name: 'lint', status: 'working' });
    expect(waitReason({ kind: 'waiting', on: [build] }, 4, 4)).toBe('Waiting for build (build-1) to finish its task.');
    expect(waitReason({ kind: 'waiting', on: [build, lint] }, 0, 4)).toBe('Waiting for build (build-1), lint (lint-1) to finish their tasks.');
    expect(waitReason({ kind: 'ready' }, 4, 4)).toBe('Waiting: 4 of 4 agents working (limit in Settings).');
    expect(waitReason({ kind: 'ready' }, 3, 4)).toBeNull();
  });

  it('resolves ids and unique names, and refuses unknown or ambiguous ones', () => {
    const agents = [agent('a-1', { name: 'alpha' }), agent('b-1', { name: 'twin' }), agent('b-2', { name: 'twin' })];
    expect(resolveReferences(['alpha', 'b-2'], agents)).toEqual(['a-1', 'b-2']);
    expect(() => resolveReferences(['twin'], agents)).toThrow(/2 agents are named "twin"/);
    expect(() => resolveReferences(['ghost'], agents)).toThrow(/No agent "ghost"/);
  });

  it('finds a cycle and names it, including a self-dependency', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toBeNull();
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['s', ['s']]]))).toEqual(['s', 's']);
  });
});
