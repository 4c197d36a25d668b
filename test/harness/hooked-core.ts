/**
 * An Orchestrator wired as `switchyard serve` wires it: Codex's hooks run the built hook client
 * (the native `out/hook-client/switchyard-hook`, or `out/main/hook.js` where it was not built),
 * which reports over a real control socket. Needs `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startControlServer, type ControlServer } from '../../src/core/control/control-server';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import { chooseHookClient } from '../../src/core/gate/hook-command-line';
import type { Agent } from '../../src/shared/domain';
import { makeCodexHome, type CodexHome } from './codex-home';
import { startModelServer, type ModelServer } from './model-server';
import { makeTempRepo, type TempRepo } from './temp-repo';

export const APP_ROOT = path.resolve(__dirname, '..', '..');
const HOOK_SCRIPT = path.join(APP_ROOT, 'out', 'main', 'hook.js');

export interface HookedCore {
  core: Orchestrator;
  control: ControlServer;
  close(): Promise<void>;
}

export async function startHookedCore(env: NodeJS.ProcessEnv, watchdogMs?: number): Promise<HookedCore> {
  if (!fs.existsSync(HOOK_SCRIPT)) throw new Error(`${HOOK_SCRIPT} is missing: run \`npm run build\` first.`);
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-ctl-'));
  const socket = path.join(socketDir, 'control.sock');
  const core = new Orchestrator({
    appRoots: [APP_ROOT],
    env,
    // SWITCHYARD_TEST_NODE_HOOK=1 runs the suite on the Node fallback client instead of the native one.
    hookCommand: process.env.SWITCHYARD_TEST_NODE_HOOK === '1' ? [process.execPath, HOOK_SCRIPT] : chooseHookClient(APP_ROOT, [process.execPath]).command,
    mcpCommand: [process.execPath, path.join(APP_ROOT, 'out', 'main', 'mcp.js')],
    controlSocket: socket,
    ...(watchdogMs ? { watchdogMs } : {}),
  });
  const control = await startControlServer(createRouter(orchestratorHandlers(core)), socket, { hooks: (request) => core.answerHook(request) });
  return {
    core,
    control,
    close: async () => {
      await core.dispose(true);
      await control.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** A repository with a hooked core, a scripted model and an isolated CODEX_HOME: what agent tests share. */
export interface AgentsFixture {
  model: ModelServer;
  home: CodexHome;
  repo: TempRepo;
  hooked: HookedCore;
  agent(id: string): Agent;
  /** Starts an agent whose task names the model scenario it plays. */
  launch(name: string, scenario: string, extra?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startAgentsFixture(watchdogMs?: number): Promise<AgentsFixture> {
  const model = await startModelServer();
  const home = makeCodexHome(model.baseUrl);
  const repo = makeTempRepo();
  const hooked = await startHookedCore({ ...process.env, ...home.env }, watchdogMs);
  await hooked.core.openRepo(repo.dir);
  return {
    model,
    home,
    repo,
    hooked,
    agent: (id) => hooked.core.list().find((a) => a.id === id)!,
    launch: (name, scenario, extra = {}) =>
      hooked.core.launch({ name, task: `${name} [scenario:${scenario}]`, codexHome: home.dir, ...extra }).id,
    close: async () => {
      await hooked.close();
      await model.close();
      home.remove();
      repo.remove();
    },
  };
}
