/**
 * One running Switchyard: the core, the router, the loopback host, and the instance file that
 * lets the CLI find it. `switchyard serve` and the Electron main process both start one.
 */
import path from 'node:path';
import {
  chooseHookClient,
  controlSocketPath,
  createRouter,
  Orchestrator,
  orchestratorHandlers,
  removeInstance,
  startControlServer,
  writeInstance,
  type Router,
} from '../core';
import { startHost, type RunningHost } from './host-server';

export interface ServeOptions {
  /** The folder to open at start (resolved to its git root); null opens none. */
  repo: string | null;
  appRoot: string;
  port?: number;
  codexPath?: string | undefined;
  /** Serve the built renderer to browsers (off inside Electron, which loads it from disk). */
  servePages: boolean;
  kind: 'serve' | 'electron';
  /**
   * The argv prefix that runs a Node script for Codex's hooks: `[node]` for `serve`; in Electron
   * `['env', 'ELECTRON_RUN_AS_NODE=1', electron]`, since there is no guarantee of a `node` on PATH.
   */
  nodeRunner: readonly string[];
}

export interface RunningSwitchyard {
  readonly core: Orchestrator;
  readonly router: Router;
  readonly host: RunningHost;
  close(): Promise<void>;
}

export async function startSwitchyard(options: ServeOptions): Promise<RunningSwitchyard> {
  const controlPath = controlSocketPath();
  const hookClient = chooseHookClient(options.appRoot, options.nodeRunner);
  const core = new Orchestrator({
    appRoots: [options.appRoot],
    codexPath: options.codexPath,
    hookCommand: hookClient.command,
    hookFallbackReason: hookClient.fallbackReason,
    mcpCommand: [...options.nodeRunner, path.join(options.appRoot, 'out', 'main', 'mcp.js')],
    controlSocket: controlPath,
  });
  const router = createRouter(orchestratorHandlers(core));
  // Listening before any agent starts: their hooks report here from their first moment.
  const control = await startControlServer(router, controlPath, { hooks: (request) => core.answerHook(request) });
  if (options.repo) {
    try {
      await core.openRepo(options.repo);
    } catch (error) {
      await control.close();
      throw error;
    }
  }
  const host = await startHost({
    router,
    events: core.events,
    terminals: core.terminalViews,
    staticDir: options.servePages ? path.join(options.appRoot, 'out', 'renderer') : null,
    port: options.port ?? 0,
    links: core.connections,
  });

  let registeredRepo: string | null = null;
  const register = (repo: string): void => {
    if (registeredRepo) removeInstance(registeredRepo, process.pid);
    writeInstance({
      repo,
      pid: process.pid,
      port: host.port,
      token: host.token,
      controlSocket: control.path,
      kind: options.kind,
      startedAt: new Date().toISOString(),
    });
    registeredRepo = repo;
  };
  if (core.repo) register(core.repo);
  const unsubscribe = core.events.on('repo.changed', ({ repo }) => register(repo));

  return {
    core,
    router,
    host,
    close: async () => {
      unsubscribe();
      if (registeredRepo) removeInstance(registeredRepo, process.pid);
      await core.dispose();
      await host.close();
      await control.close();
    },
  };
}
