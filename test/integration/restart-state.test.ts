/**
 * Nothing lost across a restart, beyond attribution: stop and start `switchyard serve` and
 * compare what the user relies on before and after. Settings come back as set; the user's claims
 * come back with their fencing tokens, and tokens keep increasing; a claim waiting behind an
 * agent that the shutdown stopped is granted; agents keep their records; the queue is kept (the
 * one that can start now starts, the other still waits), not cancelled by the shutdown.
 * Messages and metrics are not persisted state yet: Switchyard has neither. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, RepoSettings } from '../../src/shared/domain';
import type { ClaimView, WaiterView } from '../../src/shared/locks';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs, type HostWsClient } from '../harness/host-clients';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const AGENT_TIMEOUT_MS = 60_000;

interface LockList {
  claims: ClaimView[];
  waiting: WaiterView[];
  mode: string;
}

describe('a restart of serve keeps what the user relies on', { timeout: 240_000 }, () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let env: NodeJS.ProcessEnv;
  let serve: ServeProcess;
  let ws: HostWsClient;

  const invoke = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = (await ws.invoke(name, input, 60_000)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message}`);
    return answer.value as T;
  };
  const agents = async (): Promise<Agent[]> => (await invoke<{ agents: Agent[] }>('agents.list', {})).agents;
  const agent = async (id: string): Promise<Agent> => (await agents()).find((a) => a.id === id)!;
  const launch = async (name: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (await invoke<{ id: string }>('agents.launch', { name, task: `Task of ${name} [scenario:${name}]`, ...extra })).id;

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    env = cliEnv({ ...home.env, CODEX_HOME: home.dir });
    serve = await startServe(repo.dir, env);
    ws = await connectWs(serve);
  }, 180_000);

  afterAll(async () => {
    ws?.close();
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  it('settings, claims, agents and the queue are what they were', async () => {
    const settings = await invoke<RepoSettings>('settings.set', {
      maxConcurrent: 1,
      stuckAfterMinutes: 7,
      autoStopStuck: true,
      gateMode: 'advise',
      claimOnWrite: false,
      testCommand: 'npm test',
    });

    // The user's claims, one exclusive and one shared.
    await invoke('locks.claim', { patterns: ['docs/**'] });
    await invoke('locks.claim', { patterns: ['package.json'], shared: true });

    // One agent runs (the only slot) and finishes its task; it holds a claim. A finished agent leaves
    // its slot, so a second one that keeps working takes it and the next two wait in the queue.
    for (const name of ['first', 'second', 'third']) model.script(name, [{ kind: 'message', text: `${name} done` }]);
    model.script('busy', [{ kind: 'message', text: 'busy done', delayMs: 120_000 }]);
    const first = await launch('first', { claims: ['src/first.ts'] });
    await waitFor(async () => ((await agent(first)).completedTurns > 0 ? true : null), 'the first agent to finish its task', AGENT_TIMEOUT_MS);
    await waitFor(
      async () => ((await invoke<LockList>('locks.list', {})).claims.some((c) => c.agentId === first) ? true : null),
      "the first agent's claim",
      AGENT_TIMEOUT_MS,
    );
    const busy = await launch('busy');
    await waitFor(
      async () => {
        const { status, sessionId, rolloutPath } = await agent(busy);
        return status === 'working' && sessionId !== null && rolloutPath !== null ? true : null;
      },
      'the busy agent to work on its task in a recorded session',
      AGENT_TIMEOUT_MS,
    );
    // The user waits for the agent's file.
    const wait = await invoke<{ waiting: unknown[] }>('locks.claim', { patterns: ['src/first.ts'], wait: true });
    expect(wait.waiting).toHaveLength(1);
    // Two queued: one after the first agent (higher priority), one plain.
    const second = await launch('second', { after: [first], priority: 3 });
    const third = await launch('third', { priority: 1 });

    const before = { settings, locks: await invoke<LockList>('locks.list', {}), agents: await agents() };
    expect(before.agents.map((a) => [a.name, a.status])).toEqual([
      ['first', 'finished'],
      ['busy', 'working'],
      ['second', 'queued'],
      ['third', 'queued'],
    ]);
    const userClaims = before.locks.claims.filter((c) => c.agentId === null);
    expect(userClaims.map((c) => [c.pattern, c.mode])).toEqual([
      ['docs/**', 'exclusive'],
      ['package.json', 'shared'],
    ]);
    expect(before.locks.waiting.map((w) => [w.agentId, w.pattern])).toEqual([[null, 'src/first.ts']]);

    ws.close();
    await serve.stop();
    serve = await startServe(repo.dir, env);
    ws = await connectWs(serve);

    expect(await invoke('settings.get', {})).toEqual(before.settings);

    const after = await invoke<LockList>('locks.list', {});
    expect(after.mode).toBe('advise');
    // The user's claims, with their tokens and times; the stopped agent's claim is gone and the
    // user's wait for it was granted.
    expect(after.claims.filter((c) => c.pattern !== 'src/first.ts')).toEqual(userClaims);
    expect(after.claims.filter((c) => c.pattern === 'src/first.ts').map((c) => c.agentId)).toEqual([null]);
    expect(after.waiting).toEqual([]);
    // Fencing tokens keep increasing across the restart.
    const maxBefore = Math.max(...before.locks.claims.map((c) => c.token));
    const granted = await invoke<{ granted: ClaimView[] }>('locks.claim', { patterns: ['notes/**'] });
    expect(granted.granted[0]!.token).toBeGreaterThan(maxBefore);

    // The agents: the open ones were stopped by the shutdown, their records otherwise kept; the
    // queue survived: its two agents run after the restart, the higher priority first.
    const afterAgents = await agents();
    const byId = (list: Agent[], id: string) => list.find((a) => a.id === id)!;
    for (const id of [first, busy]) {
      const { status: _s, endedAt: _e, detail: _d, pid: _p, stuck: _st, exitCode: _x, ...recordBefore } = byId(before.agents, id);
      expect(byId(afterAgents, id)).toMatchObject({ ...recordBefore, status: 'stopped' });
    }
    // What the user chose for the queued ones (the queue may already have started the first).
    const chosen = ({ id, name, task, claims, priority, after, codexArgs, timeoutMs }: Agent) => ({ id, name, task, claims, priority, after, codexArgs, timeoutMs });
    for (const id of [second, third]) expect(chosen(byId(afterAgents, id))).toEqual(chosen(byId(before.agents, id)));
    for (const id of [second, third]) {
      await waitFor(async () => ((await agent(id)).completedTurns > 0 ? true : null), 'the queued agents to run after the restart', AGENT_TIMEOUT_MS);
    }
    const [secondRun, thirdRun] = [await agent(second), await agent(third)];
    expect(secondRun.startedAt! <= thirdRun.startedAt!).toBe(true);
  });
});
