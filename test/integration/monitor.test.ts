/**
 * `switchyard monitor` against real Codex processes: one started outside Switchyard (the native
 * binary in a pty, as a user's terminal would run it) and one managed by `switchyard serve`.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { startOutsideCodex, type OutsideCodex } from '../harness/outside-codex';
import { isAlive, processesOfAgent, waitFor } from '../harness/processes';
import { APP_ROOT, cliEnv, runCli, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** What `monitor --json` prints (the fields these tests read). */
interface MonitorJson {
  repo: string;
  switchyard: { pid: number; kind: string } | null;
  agents: Array<{ id: string; pid: number | null; task: string }>;
  external: Array<{ id: string; pid: number; cwd: string | null; cmd: string; kind: string; task: string | null; agentId: string | null }>;
  duplicates: Array<{ kind: string; agents: [string, string]; severity: string; reason: string; recommendation: string }>;
}

/** A model answer slow enough that Codex stays busy (and alive) for the whole test. */
const BUSY_FOR_MS = 120_000;

async function monitorJson(env: NodeJS.ProcessEnv, repo: string): Promise<MonitorJson> {
  const result = await runCli(env, ['monitor', '--repo', repo, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as MonitorJson;
}

describe('switchyard monitor', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  const started: OutsideCodex[] = [];
  let serve: ServeProcess | null = null;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(APP_ROOT, 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first');
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
  });
  afterEach(async () => {
    await serve?.stop();
    serve = null;
    await Promise.all(started.splice(0).map((codex) => codex.kill()));
    repo?.remove();
  });
  afterAll(async () => {
    await model?.close();
    home?.remove();
  });

  it('finds a Codex started outside Switchyard, with its folder, when no Switchyard runs', async () => {
    repo = makeTempRepo();
    repo.write('packages/app/.keep', '');
    const folder = path.join(repo.dir, 'packages', 'app');
    model.script('outside', [{ kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    const outside = startOutsideCodex({ cwd: folder, repo: repo.dir, task: 'tidy the app package [scenario:outside]', home });
    started.push(outside);
    await waitFor(() => model.requestCount('outside') > 0, 'the outside Codex to ask the model');

    const env = cliEnv();
    const report = await monitorJson(env, repo.dir);
    expect(report.switchyard).toBeNull();
    expect(report.agents).toEqual([]);
    expect(report.external).toEqual([
      expect.objectContaining({
        id: `pid:${outside.pid}`,
        pid: outside.pid,
        cwd: folder,
        kind: 'session',
        task: 'tidy the app package [scenario:outside]',
        agentId: null,
      }),
    ]);
    expect(report.external[0]!.cmd).toContain('tidy the app package');
    expect(report.duplicates).toEqual([]);

    const table = await runCli(env, ['monitor', '--repo', folder]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('not running for this repository');
    expect(table.stdout).toMatch(new RegExp(`external\\s+pid:${outside.pid}\\s+${outside.pid}\\s+session\\s+\\S+\\s+packages/app\\s+tidy the app package`));
    expect(table.stdout).toContain('DUPLICATES: none');

    await outside.kill();
    expect(isAlive(outside.pid)).toBe(false);
    expect((await monitorJson(env, repo.dir)).external).toEqual([]);
  });

  it('flags an outside Codex that repeats a managed agent\'s task, and says which to stop', async () => {
    repo = makeTempRepo();
    const task = 'add inventory endpoints for hops [scenario:dup]';
    model.script('dup', [{ kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', 'inventory', '--task', task, '--json');
    expect(launched.code).toBe(0);
    const { id } = JSON.parse(launched.stdout) as { id: string };
    await waitFor(() => processesOfAgent(id).length > 0, 'the managed agent to start');

    const outside = startOutsideCodex({ cwd: repo.dir, repo: repo.dir, task, home });
    started.push(outside);
    await waitFor(() => model.requestCount('dup') >= 2, 'both Codex processes to ask the model');

    const report = await monitorJson(serve.env, repo.dir);
    expect(report.switchyard).toMatchObject({ pid: serve.child.pid, kind: 'serve' });
    expect(report.agents.map((agent) => agent.id)).toEqual([id]);
    const managedPid = report.agents[0]!.pid;
    // The managed agent's own Codex is not reported as external; the outside one is.
    expect(report.external.map((process) => process.pid)).toEqual([outside.pid]);
    expect(report.external.map((process) => process.pid)).not.toContain(managedPid);
    expect(report.duplicates).toEqual([
      expect.objectContaining({ kind: 'same-task', agents: [id, `pid:${outside.pid}`], severity: 'high' }),
    ]);
    expect(report.duplicates[0]!.recommendation).toContain(`Stop Codex pid ${outside.pid}`);

    const table = await serve.cli('monitor', '--repo', repo.dir);
    expect(table.stdout).toContain(`running (serve, pid ${serve.child.pid})`);
    expect(table.stdout).toMatch(new RegExp(`switchyard\\s+${id}\\s+${managedPid}`));
    expect(table.stdout).toContain(`[high] ${id} / pid:${outside.pid}`);
  });
});
