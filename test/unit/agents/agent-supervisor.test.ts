/**
 * The agent supervisor on fake ptys and a manual clock: the queue (priority, dependencies, the
 * concurrency limit), the watchdog, and every way an agent stops. The processes are real
 * AgentProcess objects, so the stop escalation tested here is the one the app runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AgentProcess, StopTiming } from '../../../src/core/agents/agent-process';
import { AgentSupervisor } from '../../../src/core/agents/agent-supervisor';
import { STARTING_RESIZE_DELAY_MS } from '../../../src/core/agents/supervised-agent';
import type { QueueSettings } from '../../../src/core/agents/supervisor-ports';
import { OutputBatch } from '../../../src/core/terminals/output-batcher';
import { TerminalSessions } from '../../../src/core/terminals/terminal-sessions';
import { LaunchInputSchema, type EventPayload, type LaunchInput } from '../../../src/shared/contract';
import type { Agent } from '../../../src/shared/domain';
import { FakePtySpawner } from '../../harness/fake-pty';
import { ManualClock } from '../../harness/manual-clock';

const WATCHDOG_MS = 5_000;
const MINUTE = 60_000;
const CTRL_C = '\x03';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(overrides: Partial<QueueSettings> = {}) {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const ptys = new FakePtySpawner();
  const terminals = new TerminalSessions();
  const settings: QueueSettings = { maxConcurrent: 4, stuckAfterMinutes: 10, autoStopStuck: false, ...overrides };
  const notifications: Array<EventPayload<'notification'>> = [];
  const started: Array<{ id: string; pid: number }> = [];
  const ended: string[] = [];
  const removed: string[] = [];
  const supervisor = new AgentSupervisor({
    spawn: (options) => new AgentProcess(options, ptys.system(clock)),
    command: (agent, resumeSessionId) => ({
      file: '/fake/codex',
      args: resumeSessionId ? ['resume', resumeSessionId] : [agent.task],
      cwd: '/repo',
      env: {},
    }),
    settings: () => settings,
    clock,
    terminals,
    watchdogMs: WATCHDOG_MS,
    report: {
      changed: () => {},
      notify: (notification) => notifications.push(notification),
      log: () => {},
      output: () => {},
      started: (agent, pid) => started.push({ id: agent.id, pid }),
      ended: (agent) => ended.push(agent.id),
      removed: (agent) => removed.push(agent.id),
    },
  });
  cleanups.push(() => terminals.disposeAll());
  const launch = (name: string, extra: Partial<LaunchInput> = {}): string =>
    supervisor.enqueue(LaunchInputSchema.parse({ name, task: `task of ${name}`, ...extra }), '/repo').id;
  const agent = (id: string): Agent => supervisor.require(id);
  /** Which tasks were spawned, in order. */
  const spawnedTasks = (): string[] => ptys.spawned.map((p) => p.spawnedWith!.args.join(' '));
  const ptyOf = (id: string) => {
    const pty = ptys.spawned.find((p) => p.pid === agent(id).pid);
    if (!pty) throw new Error(`${id} has no pty`);
    return pty;
  };
  return { clock, ptys, settings, supervisor, terminals, notifications, started, ended, removed, launch, agent, spawnedTasks, ptyOf };
}

describe('the queue', () => {
  it('starts queued agents by priority, then in launch order', () => {
    const t = setup({ maxConcurrent: 1 });
    const first = t.launch('first');
    t.launch('low-early');
    t.launch('high', { priority: 5 });
    t.launch('low-late');
    expect(t.spawnedTasks()).toEqual(['task of first']);

    t.ptyOf(first).exit(0);
    expect(t.spawnedTasks()).toEqual(['task of first', 'task of high']);
    t.ptys.last.exit(0);
    t.ptys.last.exit(0);
    expect(t.spawnedTasks()).toEqual(['task of first', 'task of high', 'task of low-early', 'task of low-late']);
  });

  it('keeps a dependant queued until its dependency exits with 0', () => {
    const t = setup();
    const build = t.launch('build');
    const deploy = t.launch('deploy', { after: ['build'] });
    expect(t.agent(build).status).toBe('starting');
    expect(t.agent(deploy).status).toBe('queued');
    expect(t.ptys.spawned).toHaveLength(1);

    t.ptyOf(build).exit(0);
    expect(t.agent(build).status).toBe('exited');
    expect(t.agent(deploy).status).toBe('starting');
  });

  it('starts a dependant once its dependency has finished its first turn, though it still runs', () => {
    const t = setup();
    const build = t.launch('build');
    const deploy = t.launch('deploy', { after: [build] });
    // What the Stop hook records, before it asks the queue to move on.
    (t.supervisor.agents.get(build)!.agent as Agent).completedTurns = 1;
    t.supervisor.pump();
    expect(t.agent(build).status).toBe('starting');
    expect(t.agent(deploy).status).toBe('starting');
  });

  it('blocks a dependant of an agent that failed, says why, and never starts it', () => {
    const t = setup();
    const build = t.launch('build');
    const deploy = t.launch('deploy', { after: ['build'] });
    t.ptyOf(build).exit(1);
    expect(t.agent(build)).toMatchObject({ status: 'failed', detail: 'Codex exited with code 1.', exitCode: 1 });
    expect(t.agent(deploy)).toMatchObject({
      status: 'blocked',
      detail: `Blocked: waits for build (${build}), which failed before finishing its task.`,
    });
    expect(t.notifications.map((n) => n.title)).toEqual(['build failed', 'deploy is blocked']);
    expect(t.ptys.spawned).toHaveLength(1);
  });

  it('rejects a dependency cycle and leaves the queue as it was', () => {
    const t = setup({ maxConcurrent: 0 });
    const a = t.launch('a');
    const b = t.launch('b', { after: [a] });
    expect(() => t.supervisor.update(a, { after: [b] })).toThrow(`These dependencies form a cycle: ${a} → b → ${a}.`);
    expect(t.agent(a).after).toEqual([]);
  });

  it('never runs more than maxConcurrent agents; a stop makes room for the next', async () => {
    const t = setup({ maxConcurrent: 2 });
    const ids = ['one', 'two', 'three'].map((name) => t.launch(name));
    expect(ids.map((id) => t.agent(id).status)).toEqual(['starting', 'starting', 'queued']);

    const stopped = t.supervisor.stop(ids[0]!, true);
    await t.clock.advanceAsync(StopTiming.KillSettleMs);
    expect((await stopped).status).toBe('stopped');
    expect(ids.map((id) => t.agent(id).status)).toEqual(['stopped', 'starting', 'starting']);
    expect(t.ptys.spawned).toHaveLength(3);
  });

  it('tells a queued agent why it waits: the limit, with the count, or the agent it waits for', () => {
    const t = setup({ maxConcurrent: 1 });
    const build = t.launch('build');
    const next = t.launch('next');
    const deploy = t.launch('deploy', { after: [build] });
    expect(t.agent(next)).toMatchObject({ status: 'queued', detail: 'Waiting: 1 of 1 agents working (limit in Settings).' });
    expect(t.agent(deploy)).toMatchObject({ status: 'queued', detail: `Waiting for build (${build}) to finish its task.` });
  });

  it('counts only agents on their task: a finished one leaves its slot, and takes it back when given more work', () => {
    const t = setup({ maxConcurrent: 1 });
    const first = t.launch('first');
    const second = t.launch('second');
    const third = t.launch('third');
    t.supervisor.noteHookEvent(first, 'UserPromptSubmit', {});
    expect(t.agent(second).status).toBe('queued');

    t.supervisor.noteHookEvent(first, 'Stop', {});
    expect(t.agent(first).status).toBe('finished');
    expect(t.agent(second)).toMatchObject({ status: 'starting', detail: null });
    expect(t.agent(third).status).toBe('queued');

    // Another prompt to the finished agent: it works again (nothing is stopped for it), and the queue waits for both.
    t.supervisor.noteHookEvent(first, 'UserPromptSubmit', {});
    t.supervisor.noteHookEvent(second, 'Stop', {});
    expect(t.agent(third)).toMatchObject({ status: 'queued', detail: 'Waiting: 1 of 1 agents working (limit in Settings).' });
    t.supervisor.noteHookEvent(first, 'Stop', {});
    expect(t.agent(third).status).toBe('starting');
    expect(t.ptys.spawned).toHaveLength(3);
  });

  it('reads Codex idle before its first turn as ready (it holds its slot), and after one as finished', async () => {
    const t = setup({ maxConcurrent: 1 });
    const first = t.launch('first');
    const second = t.launch('second');
    t.ptyOf(first).emit('\x1b]7501;state=idle:app=codex\x07');
    await t.clock.advanceAsync(OutputBatch.DelayMs);
    expect(t.agent(first).status).toBe('ready');
    expect(t.agent(second).status).toBe('queued');

    t.ptyOf(first).emit('\x1b]7501;state=working:app=codex\x07');
    await t.clock.advanceAsync(OutputBatch.DelayMs);
    (t.supervisor.agents.get(first)!.agent as Agent).completedTurns = 1;
    t.ptyOf(first).emit('\x1b]7501;state=idle:app=codex\x07');
    await t.clock.advanceAsync(OutputBatch.DelayMs);
    expect(t.agent(first).status).toBe('finished');
    expect(t.agent(second).status).toBe('starting');
  });

  it('starts more once the limit is raised', () => {
    const t = setup({ maxConcurrent: 1 });
    t.launch('one');
    const two = t.launch('two');
    expect(t.agent(two).status).toBe('queued');
    t.settings.maxConcurrent = 2;
    t.supervisor.pump();
    expect(t.agent(two).status).toBe('starting');
  });
});

describe('starting', () => {
  it('records the pid, its start time and the lease; a failed spawn fails the agent with the reason', () => {
    const t = setup();
    t.ptys.failNext(new Error('posix_spawnp failed.'));
    const broken = t.launch('broken');
    const fine = t.launch('fine');
    expect(t.agent(broken)).toMatchObject({
      status: 'failed',
      pid: null,
      detail: 'Could not start Codex (/fake/codex): Error: posix_spawnp failed.',
    });
    expect(t.notifications).toContainEqual(expect.objectContaining({ kind: 'failed', agentId: broken, title: 'broken could not start' }));
    expect(t.ended).toEqual([broken]);
    // The queue moved on to the next agent in the same pass.
    const pid = t.ptys.last.pid;
    expect(t.agent(fine)).toMatchObject({ status: 'starting', pid, processStartTime: 100_000 + pid });
    expect(t.started).toEqual([{ id: fine, pid }]);
  });

  it('holds a resize back while Codex draws its first screen, and applies it once it has started', async () => {
    const t = setup();
    const id = t.launch('grid', { cols: 80, rows: 24 });
    t.supervisor.resize(id, 100, 40);
    expect(t.ptyOf(id).calls).not.toContain('resize 100x40');
    t.supervisor.setStatus(id, 'working');
    expect(t.ptyOf(id).calls).toContain('resize 100x40');

    const late = t.launch('late');
    t.supervisor.resize(late, 90, 30);
    await t.clock.advanceAsync(STARTING_RESIZE_DELAY_MS - 1);
    expect(t.ptyOf(late).calls).not.toContain('resize 90x30');
    await t.clock.advanceAsync(1);
    expect(t.ptyOf(late).calls).toContain('resize 90x30');
  });

  it('keeps the terminal output and reads the status Codex announces in it', async () => {
    const t = setup();
    const id = t.launch('talker');
    t.ptyOf(id).emit('hello from codex\x1b]7501;state=blocked:app=codex:kind=permission\x07');
    expect(t.agent(id).status).toBe('starting');
    await t.clock.advanceAsync(OutputBatch.DelayMs);
    expect(t.supervisor.history(id)).toContain('hello from codex');
    expect(t.agent(id).status).toBe('waiting-for-input');
    expect(t.notifications).toEqual([
      { kind: 'waiting', agentId: id, title: 'talker is waiting for input', body: 'task of talker' },
    ]);
  });
});

describe('the watchdog', () => {
  it('flags a working agent stuck once it made no progress for stuckAfterMinutes, and only once', async () => {
    const t = setup({ stuckAfterMinutes: 10 });
    const id = t.launch('thinker');
    t.supervisor.setStatus(id, 'working');
    await t.clock.advanceAsync(10 * MINUTE);
    expect(t.agent(id).stuck).toBe(false);
    await t.clock.advanceAsync(WATCHDOG_MS);
    expect(t.agent(id)).toMatchObject({ stuck: true, status: 'working' });
    await t.clock.advanceAsync(10 * WATCHDOG_MS);
    expect(t.notifications).toEqual([
      { kind: 'stuck', agentId: id, title: 'thinker looks stuck', body: 'No progress for 10 minutes.' },
    ]);
    expect(t.ptyOf(id).written).toEqual([]);
  });

  it('does not flag a finished agent, however long it waits', async () => {
    const t = setup({ stuckAfterMinutes: 1 });
    const id = t.launch('idler');
    t.supervisor.setStatus(id, 'finished');
    await t.clock.advanceAsync(30 * MINUTE);
    expect(t.agent(id).stuck).toBe(false);
  });

  it('stops a stuck agent when autoStopStuck is on', async () => {
    const t = setup({ stuckAfterMinutes: 1, autoStopStuck: true });
    const id = t.launch('thinker');
    t.supervisor.setStatus(id, 'working');
    await t.clock.advanceAsync(MINUTE + WATCHDOG_MS + StopTiming.SecondInterruptMs);
    expect(t.ptyOf(id).written).toEqual([CTRL_C, CTRL_C]);
    expect(t.agent(id)).toMatchObject({ status: 'stopped', detail: 'Stopped: no progress for 1 minute.', stuck: false });
  });

  it('stops an agent at its wall-clock time limit, whatever it is doing', async () => {
    const t = setup();
    const id = t.launch('bounded', { timeoutMinutes: 1 });
    t.supervisor.setStatus(id, 'working');
    await t.clock.advanceAsync(MINUTE);
    expect(t.ptyOf(id).written).toEqual([]);
    await t.clock.advanceAsync(WATCHDOG_MS);
    expect(t.ptyOf(id).written).toEqual([CTRL_C]);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs);
    expect(t.agent(id)).toMatchObject({ status: 'stopped', detail: 'Stopped: it reached its time limit of 1 minute.' });
    expect(t.ended).toEqual([id]);
  });
});

describe('stopping', () => {
  it('interrupts twice, and Codex quits: no signal is sent', async () => {
    const t = setup();
    const id = t.launch('polite');
    const stopping = t.supervisor.stop(id, false);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs);
    const result = await stopping;
    expect(result).toEqual({ id, status: 'stopped', report: { via: 'interrupt', survivors: [] } });
    expect(t.ptys.processes.signals).toEqual([]);
    expect(t.agent(id).endedAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('escalates to SIGTERM, then SIGKILL of the group, on a process that ignores both before that', async () => {
    const t = setup();
    t.ptys.behaviour = { interruptsToQuit: Infinity, exitsOnTerminate: false };
    const id = t.launch('stubborn');
    const pty = t.ptyOf(id);
    let settled = false;
    const stopping = t.supervisor.stop(id, false, 'The user asked.').finally(() => (settled = true));

    await t.clock.advanceAsync(0);
    expect(pty.written).toEqual([CTRL_C]);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs);
    expect(pty.written).toEqual([CTRL_C, CTRL_C]);
    await t.clock.advanceAsync(StopTiming.InterruptGraceMs - 1);
    expect(t.ptys.processes.signals).toEqual([]);
    await t.clock.advanceAsync(1);
    expect(t.ptys.processes.signals).toEqual([{ target: 'group', pid: pty.pid, signal: 'SIGTERM' }]);
    expect(t.agent(id).status).toBe('starting');

    await t.clock.advanceAsync(StopTiming.TermGraceMs - 1);
    expect(t.ptys.processes.signals).toHaveLength(1);
    await t.clock.advanceAsync(1);
    expect(t.ptys.processes.signals.at(-1)).toEqual({ target: 'group', pid: pty.pid, signal: 'SIGKILL' });
    expect(settled).toBe(true);
    expect((await stopping).report).toEqual({ via: 'kill', survivors: [] });
    // Killed while stopping is "stopped", not "failed", and keeps the reason it was stopped for.
    expect(t.agent(id)).toMatchObject({ status: 'stopped', detail: 'The user asked.', exitCode: 0 });
    expect(t.notifications).toEqual([]);
    expect(t.ended).toEqual([id]);
  });

  it('ends with SIGTERM when that is enough', async () => {
    const t = setup();
    t.ptys.behaviour = { interruptsToQuit: Infinity };
    const id = t.launch('deaf');
    const stopping = t.supervisor.stop(id, false);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs + StopTiming.InterruptGraceMs);
    expect((await stopping).report.via).toBe('terminate');
    expect(t.ptys.processes.signals.map((s) => s.signal)).toEqual(['SIGTERM']);
  });

  it('force stop kills the group at once, without interrupting', async () => {
    const t = setup();
    const id = t.launch('doomed');
    const result = await t.supervisor.stop(id, true);
    expect(result.report).toEqual({ via: 'kill', survivors: [] });
    expect(t.ptyOf(id).written).toEqual([]);
    expect(t.ptys.processes.signals).toEqual([{ target: 'group', pid: t.ptyOf(id).pid, signal: 'SIGKILL' }]);
    expect(t.agent(id).status).toBe('stopped');
  });

  it('names processes that survive SIGKILL, after trying to kill them too', async () => {
    const t = setup();
    t.ptys.behaviour = { survivors: [777] };
    const id = t.launch('leaky');
    const stopping = t.supervisor.stop(id, true);
    await t.clock.advanceAsync(StopTiming.KillSettleMs);
    const result = await stopping;
    expect(result.report).toEqual({ via: 'kill', survivors: [777] });
    expect(t.ptys.processes.signals).toContainEqual({ target: 'pid', pid: 777, signal: 'SIGKILL' });
    expect(t.agent(id)).toMatchObject({ status: 'stopped', detail: 'Stopped, but processes 777 survived SIGKILL.' });
  });

  it('cancels a queued agent without starting it', async () => {
    const t = setup({ maxConcurrent: 1 });
    t.launch('runner');
    const waiting = t.launch('waiting');
    const result = await t.supervisor.stop(waiting, false);
    expect(result).toEqual({ id: waiting, status: 'stopped', report: { via: 'already-exited', survivors: [] } });
    expect(t.agent(waiting)).toMatchObject({ status: 'stopped', detail: 'Cancelled before it started.', pid: null });
    expect(t.ptys.spawned).toHaveLength(1);
  });

  it('stopAll cancels the queue first, then stops the running agents in parallel', async () => {
    const t = setup({ maxConcurrent: 2 });
    const running = [t.launch('a'), t.launch('b')];
    const queued = t.launch('c');
    const all = t.supervisor.stopAll(false);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs);
    const reports = await all;
    expect(reports).toEqual([
      { id: queued, status: 'stopped', survivors: [] },
      { id: running[0], status: 'stopped', survivors: [] },
      { id: running[1], status: 'stopped', survivors: [] },
    ]);
    expect(t.agent(queued).detail).toBe('Cancelled by cleanup before it started.');
    expect(t.ptys.spawned).toHaveLength(2);
  });

  it('a process that exits by itself: 0 is "exited", anything else "failed" with the reason', () => {
    const t = setup();
    const [ok, bad, killed] = [t.launch('ok'), t.launch('bad'), t.launch('killed')];
    t.ptyOf(ok).exit(0);
    t.ptyOf(bad).exit(101);
    t.ptyOf(killed).exit(0, 9);
    expect(t.agent(ok)).toMatchObject({ status: 'exited', exitCode: 0, detail: null });
    expect(t.agent(bad)).toMatchObject({ status: 'failed', exitCode: 101, detail: 'Codex exited with code 101.' });
    expect(t.agent(killed)).toMatchObject({ status: 'failed', detail: 'Codex was ended by signal 9.' });
    expect(t.notifications.map((n) => `${n.kind}: ${n.title}`)).toEqual(['failed: bad failed', 'failed: killed failed']);
    expect(t.ended).toEqual([ok, bad, killed]);
  });

  it('stopping an agent that has ended does nothing', async () => {
    const t = setup();
    const id = t.launch('gone');
    t.ptyOf(id).exit(0);
    const result = await t.supervisor.stop(id, false);
    expect(result).toEqual({ id, status: 'exited', report: { via: 'already-exited', survivors: [] } });
    expect(t.ptyOf(id).written).toEqual([]);
  });

  it('dispose stops every running agent, keeps the queue for the next start, and leaves no timer behind', async () => {
    const t = setup({ maxConcurrent: 1 });
    const running = t.launch('running');
    const queued = t.launch('queued');
    t.supervisor.resize(running, 100, 40);
    const disposed = t.supervisor.dispose(false);
    await t.clock.advanceAsync(StopTiming.SecondInterruptMs);
    await disposed;
    expect(t.agent(running).status).toBe('stopped');
    // The slot the running agent left does not start the queued one on the way out.
    expect(t.agent(queued)).toMatchObject({ status: 'queued' });
    expect(t.ptys.spawned).toHaveLength(1);
    expect(t.clock.pending).toBe(0);
    // Its listeners are gone: late output of the dead process is not recorded.
    t.ptyOf(running).emit('late output');
    await t.clock.advanceAsync(OutputBatch.DelayMs);
    expect(t.supervisor.history(running)).not.toContain('late output');
  });
});

describe('resume', () => {
  it('continues an ended agent in its Codex session, in the same terminal', () => {
    const t = setup();
    const id = t.launch('writer');
    (t.supervisor.agents.get(id)!.agent as Agent).sessionId = 'session-1';
    t.ptyOf(id).exit(0);
    const resumed = t.supervisor.resume(id);
    expect(resumed.status).toBe('starting');
    expect(t.ptys.last.spawnedWith!.args).toEqual(['resume', 'session-1']);
    expect(t.supervisor.history(id)).toContain('resumed');
  });

  it('queues a resume behind the limit and behind agents queued before it; it starts in its session when a slot frees', () => {
    const t = setup({ maxConcurrent: 1 });
    const writer = t.launch('writer');
    (t.supervisor.agents.get(writer)!.agent as Agent).sessionId = 'session-1';
    const busy = t.launch('busy');
    const waiting = t.launch('waiting');
    t.ptyOf(writer).exit(0);
    expect(t.agent(busy).status).toBe('starting');
    t.clock.advance(1_000);

    const resumed = t.supervisor.resume(writer);
    expect(resumed).toMatchObject({ status: 'queued', pid: null, detail: 'Waiting: 1 of 1 agents working (limit in Settings).' });
    expect(t.ptys.spawned).toHaveLength(2);

    t.supervisor.noteHookEvent(busy, 'Stop', {});
    expect(t.agent(waiting).status).toBe('starting');
    expect(t.agent(writer).status).toBe('queued');
    t.supervisor.noteHookEvent(waiting, 'Stop', {});
    expect(t.agent(writer)).toMatchObject({ status: 'starting', detail: null });
    expect(t.ptys.last.spawnedWith!.args).toEqual(['resume', 'session-1']);
    expect(t.supervisor.history(writer)).toContain('resumed');
  });

  it('puts the last screen of a Codex that cleared it on exit back in its terminal, unless resumed first', async () => {
    const t = setup();
    const [kept, resumed] = [t.launch('kept'), t.launch('resumed')];
    (t.supervisor.agents.get(resumed)!.agent as Agent).sessionId = 'session-1';
    const conversation = '\x1b[?1049h\x1b[H\x1b[Jthe conversation\x1b[1;1H\x1b[J\x1b[?1049lexit line\r\n';
    /** Once the agent's mirror has parsed its output and what the supervisor did with it has run. */
    const settled = async (id: string): Promise<void> => {
      await t.terminals.get(id)!.snapshot(null);
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const id of [kept, resumed]) t.ptyOf(id).emit(conversation);

    t.ptyOf(kept).exit(0);
    await settled(kept);
    const history = t.supervisor.history(kept);
    expect(history.lastIndexOf('the conversation')).toBeGreaterThan(history.indexOf('exit line'));

    // Resumed before its last screen was ready: the new run's terminal is not drawn over.
    t.ptyOf(resumed).exit(0);
    t.supervisor.resume(resumed);
    await settled(resumed);
    expect(t.supervisor.history(resumed).split('the conversation')).toHaveLength(2);
  });

  it('refuses a running agent and one without a session', () => {
    const t = setup();
    const id = t.launch('busy');
    expect(() => t.supervisor.resume(id)).toThrow(/still starting/);
    t.ptyOf(id).exit(0);
    expect(() => t.supervisor.resume(id)).toThrow(/no Codex session/);
  });
});

describe('hook events', () => {
  it('note the session, the rollout log and progress, and move the status to working', () => {
    const t = setup();
    const id = t.launch('writer');
    t.clock.advance(MINUTE);
    const noted = t.supervisor.noteHookEvent(id, 'PreToolUse', { session_id: 'session-1', transcript_path: '/tmp/rollout.jsonl' });
    expect(noted).toMatchObject({ id, status: 'working', sessionId: 'session-1', rolloutPath: '/tmp/rollout.jsonl', stuck: false });
    expect(noted!.lastProgressAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('Stop makes the agent finished; the first one says it finished and starts its dependants, later ones do not', () => {
    const t = setup();
    const build = t.launch('build');
    const deploy = t.launch('deploy', { after: [build] });
    t.supervisor.noteHookEvent(build, 'UserPromptSubmit', {});
    expect(t.agent(deploy).status).toBe('queued');

    t.supervisor.noteHookEvent(build, 'Stop', { last_assistant_message: 'Built it.' });
    expect(t.agent(build)).toMatchObject({ status: 'finished', completedTurns: 1 });
    expect(t.agent(deploy).status).toBe('starting');
    t.supervisor.noteHookEvent(build, 'Stop', {});
    expect(t.agent(build).completedTurns).toBe(2);
    expect(t.notifications.filter((n) => n.kind === 'finished')).toEqual([{ kind: 'finished', agentId: build, title: 'build finished its task', body: 'Built it.' }]);
  });

  it('change nothing for an agent that has ended or is unknown', () => {
    const t = setup();
    const id = t.launch('done');
    t.ptyOf(id).exit(0);
    expect(t.supervisor.noteHookEvent(id, 'PreToolUse', { session_id: 'late' })).toBeNull();
    expect(t.agent(id)).toMatchObject({ status: 'exited', sessionId: null });
    expect(t.supervisor.noteHookEvent('nobody-0000', 'Stop', {})).toBeNull();
  });
});

describe('names', () => {
  const launchNamed = (t: ReturnType<typeof setup>, name: string) =>
    t.supervisor.enqueue(LaunchInputSchema.parse({ name, task: `task of ${name}` }), '/repo');

  it('suffixes a name another agent has, running or ended, and says so', () => {
    const t = setup();
    const first = launchNamed(t, 'fixer');
    expect(first).toMatchObject({ name: 'fixer', nameNotice: null });
    t.ptyOf(first.id).exit(0);
    const second = launchNamed(t, 'Fixer');
    expect(second).toMatchObject({ name: 'Fixer (2)', nameNotice: 'Another agent is already named "Fixer", so this one is "Fixer (2)".' });
    expect(launchNamed(t, 'fixer').name).toBe('fixer (3)');
    // Asking for a suffixed name that is taken counts on from its base.
    expect(launchNamed(t, 'fixer (2)').name).toBe('fixer (4)');
    expect(t.supervisor.all().map((a) => a.name)).toEqual(['fixer', 'Fixer (2)', 'fixer (3)', 'fixer (4)']);
  });

  it('keeps a suffixed long name within the 80 characters a name may have', () => {
    const t = setup();
    const long = 'x'.repeat(80);
    launchNamed(t, long);
    const second = launchNamed(t, long);
    expect(second.name).toBe(`${'x'.repeat(76)} (2)`);
  });

  it('renames an agent, and refuses a name another agent has', () => {
    const t = setup();
    const a = t.launch('alpha');
    t.launch('beta');
    expect(t.supervisor.rename(a, 'gamma').name).toBe('gamma');
    expect(t.agent(a).name).toBe('gamma');
    expect(() => t.supervisor.rename(a, 'BETA')).toThrow(/already named "beta"/);
    // Its own name again (another case) is no clash.
    expect(t.supervisor.rename(a, 'Gamma').name).toBe('Gamma');
  });
});

describe('removing', () => {
  it('forgets an ended agent and tells the rest of the core', () => {
    const t = setup();
    const id = t.launch('done');
    t.ptyOf(id).exit(0);
    t.supervisor.remove(id);
    expect(t.removed).toEqual([id]);
    expect(t.supervisor.all()).toEqual([]);
    expect(() => t.supervisor.require(id)).toThrow(/No agent/);
  });

  it('refuses an agent that runs or waits, and one a queued agent waits for', async () => {
    const t = setup();
    const build = t.launch('build');
    expect(() => t.supervisor.remove(build)).toThrow(/build is starting; stop it before removing it/);
    const deploy = t.launch('deploy', { after: [build] });
    expect(() => t.supervisor.remove(deploy)).toThrow(/deploy is queued/);
    (t.supervisor.agents.get(build)!.agent as Agent).completedTurns = 1;
    await t.supervisor.stop(build, true);
    // deploy started once build finished its task; a second dependant still waits.
    const verify = t.launch('verify', { after: [build, deploy] });
    expect(() => t.supervisor.remove(build)).toThrow(/verify waits for build/);
    await t.supervisor.stop(verify, false);
    t.supervisor.remove(build);
    expect(t.removed).toEqual([build]);
  });
});
