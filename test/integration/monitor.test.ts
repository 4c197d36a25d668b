/**
 * `switchyard monitor` against real Codex processes: one started outside Switchyard (the native
 * binary in a pty, as a user's terminal would run it) and one managed by `switchyard serve`.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as pty from 'node-pty';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tomlString } from '../../src/core/codex/codex-args';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { codexUnderTest } from '../harness/codex-under-test';
import { startModelServer, type ModelServer } from '../harness/model-server';
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

/** Marks the environment of every process an outside Codex starts, so all of them can be killed. */
const OUTSIDE_MARKER_ENV = 'SY_MONITOR_TEST_OUTSIDE';

/**
 * Processes whose environment carries the marker (Linux; elsewhere none are found). Codex runs
 * its shell-snapshot bash in a session of its own, out of reach of a process-group kill.
 */
function processesMarked(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${OUTSIDE_MARKER_ENV}=${marker}\0`);
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    try {
      return fs.readFileSync(`/proc/${entry}/environ`).includes(needle) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

interface OutsideCodex {
  readonly pid: number;
  kill(): Promise<void>;
}

/** Starts Codex the way a user would in a terminal: no Switchyard, no agent id in its environment. */
function startOutsideCodex(options: { cwd: string; repo: string; task: string; home: CodexHome }): OutsideCodex {
  const codex = codexUnderTest();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // The test runner may itself run inside a managed agent; this Codex must not look managed.
  delete env.SWITCHYARD_AGENT_ID;
  const marker = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  Object.assign(env, codex.env, options.home.env, {
    CODEX_HOME: options.home.dir,
    TERM: 'xterm-256color',
    [OUTSIDE_MARKER_ENV]: marker,
  });
  const child = pty.spawn(
    codex.path,
    [
      '--disable', 'daemon_auto_start',
      '-c', `projects={${tomlString(options.repo)}={trust_level="trusted"}}`,
      '--', options.task,
    ],
    { cwd: options.cwd, env, cols: 100, rows: 30, name: 'xterm-256color' },
  );
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  return {
    pid: child.pid,
    kill: async () => {
      const killAll = (pids: number[]): number[] => {
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        return pids;
      };
      killAll([-child.pid]);
      await exited;
      // Until none is left: a process may have started one more while we killed the rest.
      await waitFor(() => killAll(processesMarked(marker)).length === 0, 'every process of the outside Codex to end', 10_000);
    },
  };
}

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
