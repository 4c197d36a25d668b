/**
 * Runaway agents are what Switchyard exists to prevent: a killed host leaves a registry that
 * parses and reconciles, no orphan processes, and `switchyard cleanup` stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/shared/domain';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { isAlive, processesOfAgent, waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

describe('crash recovery and cleanup', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let env: NodeJS.ProcessEnv;
  const servers: ServeProcess[] = [];
  const serve = async (): Promise<ServeProcess> => {
    const s = await startServe(repo.dir, env);
    servers.push(s);
    return s;
  };
  const launchSlow = async (s: ServeProcess, name: string): Promise<string> => {
    const result = await s.cli('launch', '--repo', repo.dir, '--name', name, '--task', `${name} [scenario:slow]`, '--json');
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { id: string }).id;
  };
  const status = async (s: ServeProcess): Promise<Agent[]> =>
    (JSON.parse((await s.cli('status', '--repo', repo.dir, '--json')).stdout) as { agents: Agent[] }).agents;

  beforeEach(async () => {
    model = await startModelServer();
    model.script('slow', [{ kind: 'message', text: 'thinking hard', delayMs: 120_000 }]);
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    env = cliEnv({ ...home.env, CODEX_HOME: home.dir });
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop();
    await model.close();
    home.remove();
    repo.remove();
  });

  it('after kill -9 of the host: no orphan survives, and a restart reconciles the registry', async () => {
    const first = await serve();
    const ids = [await launchSlow(first, 'alpha'), await launchSlow(first, 'beta')];
    await waitFor(async () => (await status(first)).every((a) => a.pid !== null), 'both agents to start');
    await waitFor(() => model.requestCount('slow') >= 2, 'both agents to ask the model');
    const pids = (await status(first)).map((a) => a.pid!);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    // The registry on disk still parses and still believes the agents run.
    const registry = JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8')) as { agents: Agent[] };
    expect(registry.agents.map((a) => a.id).sort()).toEqual([...ids].sort());

    const second = await serve();
    const agents = await status(second);
    expect(agents.map((a) => a.status)).toEqual(['stopped', 'stopped']);
    for (const id of ids) expect(processesOfAgent(id)).toEqual([]);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8');
    expect(log).toContain('"event":"reconciled"');
  });

  it('cleanup stops every agent, queued ones included, and verifies none is left', async () => {
    const s = await serve();
    const ids = [await launchSlow(s, 'one'), await launchSlow(s, 'two')];
    await waitFor(async () => (await status(s)).every((a) => a.pid !== null), 'agents to start');

    const refused = await s.cli('cleanup', '--repo', repo.dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    expect((await status(s)).every((a) => a.status !== 'stopped')).toBe(true);

    const result = await s.cli('cleanup', '--repo', repo.dir, '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verified: no agent process is left.');
    for (const id of ids) {
      expect(result.stdout).toContain(`${id} stopped`);
      expect(processesOfAgent(id)).toEqual([]);
    }
  });

  it('cleanup --force works without a running Switchyard, from the registry', async () => {
    const s = await serve();
    const id = await launchSlow(s, 'lonely');
    await waitFor(async () => (await status(s))[0]?.pid, 'the agent to start');
    s.child.kill('SIGKILL');
    await new Promise((resolve) => s.child.once('exit', resolve));

    const result = await s.cli('cleanup', '--repo', repo.dir, '--force');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verified: no agent process is left.');
    expect(processesOfAgent(id)).toEqual([]);
  });
});
