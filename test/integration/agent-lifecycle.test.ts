/**
 * Agents for real: statuses from Codex's own hooks, session ids and rollout logs recorded, the
 * registry on disk, the queue with dependencies and priority, and resume.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/shared/domain';
import { startAgentsFixture, type AgentsFixture, type HookedCore } from '../harness/hooked-core';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import type { TempRepo } from '../harness/temp-repo';

describe('agent lifecycle with Codex hooks', () => {
  let model: ModelServer;
  let repo: TempRepo;
  let hooked: HookedCore;
  let fixture: AgentsFixture;
  const agent = (id: string): Agent => fixture.agent(id);
  const launch = (name: string, scenario: string, extra: Record<string, unknown> = {}): string => fixture.launch(name, scenario, extra);

  beforeEach(async () => {
    fixture = await startAgentsFixture(200);
    ({ model, repo, hooked } = fixture);
  });
  afterEach(() => fixture.close());

  it('runs three agents at once; each edits its own file and reports working, then finished', async () => {
    const seen = new Map<string, Set<string>>();
    hooked.core.events.on('agents.changed', ({ agents }) => {
      for (const a of agents) seen.set(a.id, (seen.get(a.id) ?? new Set()).add(a.status));
    });
    const ids = ['one', 'two', 'three'].map((n) => {
      model.script(`three-${n}`, [addFileStep(`${n}.txt`, `by ${n}`, 1200), { kind: 'message', text: `${n} done` }]);
      return launch(n, `three-${n}`);
    });
    await waitFor(() => ids.every((id) => agent(id).completedTurns === 1), 'all three to finish their task', 60_000);
    for (const [i, n] of ['one', 'two', 'three'].entries()) {
      expect(repo.read(`${n}.txt`)).toBe(`by ${n}\n`);
      const a = agent(ids[i]!);
      expect(a.status).toBe('finished');
      expect(seen.get(a.id)).toContain('working');
      expect(a.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.rolloutPath).toContain(a.sessionId!);
      expect(fs.existsSync(a.rolloutPath!)).toBe(true);
    }

    // The registry on disk says the same, and .agents/ is kept out of git without touching .gitignore.
    const registryFile = path.join(repo.dir, '.agents', 'orchestrator.json');
    await waitFor(() => {
      const stored = JSON.parse(fs.readFileSync(registryFile, 'utf8')) as { agents: Agent[] };
      return stored.agents.filter((a) => a.completedTurns === 1 && a.sessionId).length === 3;
    }, 'the registry to record the finished agents');
    expect(fs.readFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), 'utf8')).toContain('/.agents/');
    expect(repo.exists('.gitignore')).toBe(false);
    expect(repo.git('status', '--porcelain')).not.toContain('.agents');
    const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8').trim().split('\n');
    expect(log.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(expect.arrayContaining(['launched', 'started', 'hook']));
  });

  it('queues beyond the concurrency limit, starts dependants when their dependency finishes, by priority', async () => {
    hooked.core.updateSettings({ maxConcurrent: 1 });
    model.script('q-first', [{ kind: 'message', text: 'first done', delayMs: 1500 }]);
    model.script('q-low', [{ kind: 'message', text: 'low done' }]);
    model.script('q-high', [{ kind: 'message', text: 'high done', delayMs: 1500 }]);
    const first = launch('first', 'q-first');
    const low = launch('low', 'q-low', { after: ['first'], priority: 1 });
    const high = launch('high', 'q-high', { after: [first], priority: 5 });
    expect(agent(low).status).toBe('queued');
    expect(agent(high).status).toBe('queued');
    expect(agent(low).after).toEqual([first]);
    expect(agent(high).detail).toBe(`Waiting for first (${first}) to finish its task.`);

    // Only one may work at a time; `first` stays open once finished, but leaves its slot to the queue.
    await waitFor(() => agent(high).pid !== null, 'the higher-priority agent to start once first finished');
    expect(agent(first)).toMatchObject({ status: 'finished', completedTurns: 1 });
    expect(agent(low)).toMatchObject({ status: 'queued', detail: 'Waiting: 1 of 1 agents working (limit in Settings).' });
    await waitFor(() => agent(low).pid !== null, 'the lower-priority agent to start once high finished');
    expect(agent(high).completedTurns).toBe(1);
  });

  it('rejects a dependency cycle naming it, and blocks dependants of an agent that failed', async () => {
    hooked.core.updateSettings({ maxConcurrent: 1 });
    model.script('c-slow', [{ kind: 'message', text: 'slow', delayMs: 30_000 }]);
    const a = launch('a', 'c-slow');
    const b = launch('b', 'c-slow', { after: ['a'] });
    const c = launch('c', 'c-slow', { after: ['b'] });
    expect(() => hooked.core.update(b, { after: ['c'] })).toThrow(/cycle: b-[0-9a-f]{4} → c → b/);
    expect(() => hooked.core.launch({ name: 'd', task: 't', after: ['nobody'] })).toThrow(/No agent "nobody"/);

    await waitFor(() => agent(a).pid !== null, 'a to start');
    await hooked.core.stop(a, true);
    await waitFor(() => agent(c).status === 'blocked', 'the chain to be blocked');
    expect(agent(b).status).toBe('blocked');
    expect(agent(b).detail).toContain(`waits for a (${a}), which stopped before finishing its task`);
    expect(agent(c).detail).toContain('which is blocked');
  });

  it('flags a working agent with no progress as stuck and notifies; stops one at its time limit', async () => {
    const notifications: string[] = [];
    hooked.core.events.on('notification', (n) => notifications.push(`${n.kind}:${n.agentId}`));
    // 0.01 minutes = 600 ms without a hook event while working.
    hooked.core.updateSettings({ stuckAfterMinutes: 0.01 });
    model.script('hang', [{ kind: 'message', text: 'never mind', delayMs: 60_000 }]);
    const hanging = launch('hanging', 'hang');
    await waitFor(() => agent(hanging).stuck, 'the hanging agent to be flagged stuck', 20_000);
    expect(agent(hanging).status).toBe('working');
    expect(notifications).toContain(`stuck:${hanging}`);

    const limited = launch('limited', 'hang', { timeoutMinutes: 0.02 });
    await waitFor(() => agent(limited).status === 'stopped', 'the time limit to stop the agent', 30_000);
    expect(agent(limited).detail).toContain('time limit of 1 second.');
    expect(processesOfAgent(limited)).toEqual([]);
  });

  it('reports an agent waiting for the user when Codex asks for approval, and notifies', async () => {
    const notifications: string[] = [];
    hooked.core.events.on('notification', (n) => notifications.push(`${n.kind}:${n.agentId}`));
    model.script('asks', [{ kind: 'exec', cmd: 'rm -rf build && touch made.txt' }, { kind: 'message', text: 'done' }]);
    // A read-only sandbox with on-request approvals makes Codex ask before writing.
    const asking = launch('asking', 'asks', { codexArgs: ['-c', 'approval_policy="on-request"', '-c', 'sandbox_mode="read-only"'] });
    await waitFor(() => agent(asking).status === 'waiting-for-input', 'Codex to ask for approval', 30_000);
    expect(notifications).toContain(`waiting:${asking}`);
    expect(repo.exists('made.txt')).toBe(false);
  });

  it('resumes an ended agent in its Codex session in a new terminal', async () => {
    model.script('resumable', [{ kind: 'message', text: 'first turn' }]);
    const id = launch('resumable', 'resumable');
    await waitFor(() => agent(id).completedTurns === 1, 'the first turn');
    const { sessionId, pid } = agent(id);
    await hooked.core.stop(id, false);
    expect(processesOfAgent(id)).toEqual([]);

    const resumed = hooked.core.resume(id);
    expect(resumed.pid).not.toBe(pid);
    expect(resumed.status).toBe('starting');
    await waitFor(() => ['ready', 'working', 'finished'].includes(agent(id).status), 'the resumed session to come up');
    // The resumed Codex reports the same session through its hooks.
    await waitFor(() => hooked.core.history(id).includes('resumed'), 'the resume marker in the terminal');
    expect(agent(id).sessionId).toBe(sessionId);
  });
});
