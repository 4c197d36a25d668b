/**
 * The hook gate on its own: who may ask (the token of the agent's current run, not an ended
 * agent), the write gate's decision reaching the answer in each mode, and the record (refusal,
 * violation, progress, log) made only after the answer, on the deferred turn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GateEvent } from '../../../src/core/gate/gate-event';
import type { HookRequest } from '../../../src/core/gate/hook-answer';
import { HookGate } from '../../../src/core/gate/hook-gate';
import { RepoLocks } from '../../../src/core/locks/repo-locks';
import type { RepoSettings } from '../../../src/core/registry/registry-schema';
import type { EventPayload } from '../../../src/shared/contract';
import type { HookEventName } from '../../../src/shared/control';
import type { Agent, AgentStatus } from '../../../src/shared/domain';

const AT = Date.parse('2026-01-01T00:00:00Z');
/** Hook tokens are hex (see HookInputSchema). */
const TOKEN_A = 'a'.repeat(32);
const TOKEN_B = 'b'.repeat(32);

function agentRecord(id: string, status: AgentStatus = 'working'): { agent: Agent } {
  return { agent: { id, name: id, status } as Agent };
}

let dir: string;
let locks: RepoLocks;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hook-gate-'));
  locks = new RepoLocks(dir, undefined, () => undefined);
});
afterEach(() => {
  locks.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setup(options: { mode?: RepoSettings['gateMode']; fallbackReason?: string | null; context?: (agentId: string, event: HookEventName) => string | null } = {}) {
  const records = new Map([
    ['agent-a', agentRecord('agent-a')],
    ['agent-b', agentRecord('agent-b')],
  ]);
  const tokens = new Map([
    ['agent-a', TOKEN_A],
    ['agent-b', TOKEN_B],
  ]);
  const settings = { gateMode: options.mode ?? 'enforce', claimOnWrite: false };
  const deferred: Array<() => void> = [];
  const logs: Array<{ event: string; data: Record<string, unknown> }> = [];
  const noted: Array<{ agentId: string; event: HookEventName }> = [];
  const tracked: Array<{ agentId: string; event: HookEventName }> = [];
  const gateEvents: GateEvent[] = [];
  const changed: Array<{ id: string; kind: string }> = [];
  const notifications: Array<EventPayload<'notification'>> = [];
  /** What noteHookEvent answers: the record, or null as for an agent that ended meanwhile. */
  let noteReturnsNull = false;
  const gate = new HookGate({
    tokenMatches: (agentId, token) => tokens.get(agentId) === token,
    agents: {
      record: (id) => records.get(id),
      noteHookEvent: (agentId, event) => {
        noted.push({ agentId, event });
        return noteReturnsNull ? null : records.get(agentId)!.agent;
      },
    },
    locks: () => locks,
    settings: () => settings,
    tracker: () => ({
      noteHookEvent: (agentId, event) => tracked.push({ agentId, event }),
      noteGateEvent: (event) => gateEvents.push(event),
    }),
    log: (event, data) => logs.push({ event, data }),
    notify: (notification) => notifications.push(notification),
    changed: (agent, kind) => changed.push({ id: agent.id, kind }),
    fallbackReason: options.fallbackReason ?? null,
    ...(options.context ? { context: options.context } : {}),
    defer: (work) => deferred.push(work),
    now: () => AT,
  });
  const request = (agentId: string, command: string | null, event: HookEventName = 'PreToolUse', token = agentId === 'agent-b' ? TOKEN_B : TOKEN_A): HookRequest => ({
    agentId,
    token,
    event,
    payload: { cwd: dir, ...(command === null ? {} : { tool_input: { command } }), session_id: 's-1' },
  });
  const runDeferred = (): void => {
    for (const work of deferred.splice(0)) work();
  };
  return {
    gate, records, settings, deferred, logs, noted, tracked, gateEvents, changed, notifications, request, runDeferred,
    endBeforeRecord: () => (noteReturnsNull = true),
  };
}

describe('who may ask', () => {
  it('refuses a hook whose token is not the agent’s current run’s, and records nothing', () => {
    const t = setup();
    expect(() => t.gate.answerHook(t.request('agent-a', 'echo x > f.txt', 'PreToolUse', 'c'.repeat(32)))).toThrow(/not from the current run of agent "agent-a"/);
    expect(t.deferred).toHaveLength(0);
  });

  it('refuses an agent it does not know', () => {
    const t = setup();
    expect(() => t.gate.answerHook({ ...t.request('agent-a', null), agentId: 'agent-z' })).toThrow(/not from the current run of agent "agent-z"/);
  });

  it('refuses an agent that has ended: a process it left behind may not change files', () => {
    const t = setup();
    t.records.get('agent-a')!.agent.status = 'exited';
    expect(() => t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'))).toThrow(/agent "agent-a" has exited/);
    expect(t.deferred).toHaveLength(0);
  });

  it('takes JSON through handleHook, validated', () => {
    const t = setup();
    expect(t.gate.handleHook(t.request('agent-a', 'echo x > f.txt'))).toEqual({ decision: 'allow' });
    expect(() => t.gate.handleHook({ agentId: 'agent-a', event: 'PreToolUse' })).toThrow();
  });
});

describe('the decision reaches the answer', () => {
  it('denies, in enforce mode, a write on a file another agent holds, with the reason', async () => {
    const t = setup({ mode: 'enforce' });
    await locks.claim('agent-b', ['f.txt']);
    const answer = t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain('f.txt is locked by agent "agent-b"');
    expect(answer.additionalContext).toBeUndefined();
  });

  it('allows a write nobody holds, and every event that is not PreToolUse', async () => {
    const t = setup({ mode: 'enforce' });
    await locks.claim('agent-b', ['f.txt']);
    expect(t.gate.answerHook(t.request('agent-a', 'echo x > g.txt'))).toEqual({ decision: 'allow' });
    expect(t.gate.answerHook(t.request('agent-a', 'echo x > f.txt', 'PostToolUse'))).toEqual({ decision: 'allow' });
  });

  it('allows in advise mode but tells the model whose files it writes', async () => {
    const t = setup({ mode: 'advise' });
    await locks.claim('agent-b', ['f.txt']);
    const answer = t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    expect(answer.decision).toBe('allow');
    expect(answer.additionalContext).toMatch(/^Switchyard: this call writes files other agents hold\./);
    expect(answer.reason).toBeUndefined();
  });

  it('allows in observe mode and says nothing to the model', async () => {
    const t = setup({ mode: 'observe' });
    await locks.claim('agent-b', ['f.txt']);
    expect(t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'))).toEqual({ decision: 'allow' });
  });
});

describe('additional context for the model (the roster, messages)', () => {
  const asked: HookEventName[] = [];
  const context = (_agentId: string, event: HookEventName): string => {
    asked.push(event);
    return `context for ${event}`;
  };
  beforeEach(() => void asked.splice(0));

  it('adds it to the answers of SessionStart, UserPromptSubmit and an allowed PreToolUse, after the write gate’s own advice', async () => {
    const t = setup({ mode: 'advise', context });
    expect(t.gate.answerHook(t.request('agent-a', null, 'SessionStart'))).toEqual({ decision: 'allow', additionalContext: 'context for SessionStart' });
    expect(t.gate.answerHook(t.request('agent-a', null, 'UserPromptSubmit'))).toEqual({ decision: 'allow', additionalContext: 'context for UserPromptSubmit' });
    await locks.claim('agent-b', ['f.txt']);
    const advised = t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    expect(advised.additionalContext).toMatch(/^Switchyard: this call writes files other agents hold\.[\s\S]*\n\ncontext for PreToolUse$/);
  });

  it('answers without it, and logs why, when it cannot be had (the write is never refused for it)', () => {
    const t = setup({ context: () => { throw new Error('ENOSPC: no space left on device'); } });
    expect(t.gate.answerHook(t.request('agent-a', 'echo x > free.txt'))).toEqual({ decision: 'allow' });
    expect(t.logs).toEqual([{ event: 'hook-context-failed', data: { id: 'agent-a', hook: 'PreToolUse', message: 'ENOSPC: no space left on device' } }]);
  });

  it('does not ask for it when the answer cannot carry it: a refused call, or Stop', async () => {
    const t = setup({ mode: 'enforce', context });
    await locks.claim('agent-b', ['f.txt']);
    expect(t.gate.answerHook(t.request('agent-a', 'echo x > f.txt')).decision).toBe('deny');
    expect(t.gate.answerHook(t.request('agent-a', null, 'Stop'))).toEqual({ decision: 'allow' });
    expect(asked).toEqual([]);
  });
});

describe('the record follows the answer', () => {
  it('records a refusal only on the deferred turn: the log, the gate event with its holder, the progress', async () => {
    const t = setup({ mode: 'enforce' });
    await locks.claim('agent-b', ['f.txt']);
    t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    expect([t.logs, t.noted, t.tracked, t.gateEvents, t.changed]).toEqual([[], [], [], [], []]);

    t.runDeferred();
    expect(t.logs.map((l) => l.event)).toEqual(['write-refused', 'hook']);
    expect(t.gateEvents).toEqual([{ kind: 'refused', agentId: 'agent-a', paths: ['f.txt'], holders: ['agent-b'], reason: expect.stringContaining('locked by agent "agent-b"'), at: AT }]);
    expect(t.noted).toEqual([{ agentId: 'agent-a', event: 'PreToolUse' }]);
    expect(t.tracked).toEqual([{ agentId: 'agent-a', event: 'PreToolUse' }]);
    expect(t.changed).toEqual([{ id: 'agent-a', kind: 'status' }]);
  });

  it('records a violation in advise mode, with the mode', async () => {
    const t = setup({ mode: 'advise' });
    await locks.claim('agent-b', ['f.txt']);
    t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    t.runDeferred();
    expect(t.logs[0]).toMatchObject({ event: 'write-violation', data: { id: 'agent-a', mode: 'advise' } });
    expect(t.gateEvents.map((e) => [e.kind, e.paths, e.holders])).toEqual([['violation', ['f.txt'], ['agent-b']]]);
  });

  it('records no gate event for an allowed write', () => {
    const t = setup();
    t.gate.answerHook(t.request('agent-a', 'echo x > free.txt'));
    t.runDeferred();
    expect(t.gateEvents).toEqual([]);
    expect(t.logs.map((l) => l.event)).toEqual(['hook']);
  });

  it('keeps the refusal but notes no progress for an agent that ended before the record', async () => {
    const t = setup({ mode: 'enforce' });
    await locks.claim('agent-b', ['f.txt']);
    t.gate.answerHook(t.request('agent-a', 'echo x > f.txt'));
    t.endBeforeRecord();
    t.runDeferred();
    expect(t.logs.map((l) => l.event)).toEqual(['write-refused']);
    expect(t.gateEvents).toHaveLength(1);
    expect([t.tracked, t.changed]).toEqual([[], []]);
  });

  it('records nothing when another repository was opened before the record (a different record)', () => {
    const t = setup();
    t.gate.answerHook(t.request('agent-a', 'echo x > f.txt', 'Stop'));
    t.records.set('agent-a', agentRecord('agent-a'));
    t.runDeferred();
    expect([t.logs, t.noted, t.changed]).toEqual([[], [], []]);
  });
});

describe('the hook client fallback notice', () => {
  it('is told once, however many agents start', () => {
    const t = setup({ fallbackReason: 'no C compiler' });
    t.gate.tellHookFallbackOnce();
    t.gate.tellHookFallbackOnce();
    expect(t.notifications).toEqual([{ kind: 'problem', agentId: null, title: 'Hooks run on Node', body: 'no C compiler' }]);
    expect(t.logs).toEqual([{ event: 'hook-client-fallback', data: { reason: 'no C compiler' } }]);
  });

  it('is not told when the native client runs', () => {
    const t = setup({ fallbackReason: null });
    t.gate.tellHookFallbackOnce();
    expect([t.notifications, t.logs]).toEqual([[], []]);
  });
});
