/**
 * An Orchestrator wired as `switchyard serve` wires it: Codex's hooks run the built
 * `out/main/hook.js`, which reports over a real control socket. Needs `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startControlServer, type ControlServer } from '../../src/core/control/control-server';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';

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
    hookCommand: [process.execPath, HOOK_SCRIPT],
    mcpCommand: [process.execPath, path.join(APP_ROOT, 'out', 'main', 'mcp.js')],
    controlSocket: socket,
    ...(watchdogMs ? { watchdogMs } : {}),
  });
  const control = await startControlServer(createRouter(orchestratorHandlers(core)), socket);
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
