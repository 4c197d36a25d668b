/**
 * One running Switchyard: the core, the router, the loopback host, and the instance file that
 * lets the CLI find it. `switchyard serve` and the Electron main process both start one.
 */
import path from 'node:path';
import { Orchestrator } from '../core/orchestrator';
import { createRouter, orchestratorHandlers, type Router } from '../core/router';
import { removeInstance, writeInstance } from '../core/instances/instance-registry';
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
}

export interface RunningSwitchyard {
  readonly core: Orchestrator;
  readonly router: Router;
  readonly host: RunningHost;
  close(): Promise<void>;
}

export async function startSwitchyard(options: ServeOptions): Promise<RunningSwitchyard> {
  const core = new Orchestrator({ appRoots: [options.appRoot], codexPath: options.codexPath });
  if (options.repo) await core.openRepo(options.repo);
  const router = createRouter(orchestratorHandlers(core));
  const host = await startHost({
    router,
    events: core.events,
    staticDir: options.servePages ? path.join(options.appRoot, 'out', 'renderer') : null,
    port: options.port ?? 0,
  });

  let registeredRepo: string | null = null;
  const register = (repo: string): void => {
    if (registeredRepo) removeInstance(registeredRepo, process.pid);
    writeInstance({
      repo,
      pid: process.pid,
      port: host.port,
      token: host.token,
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
    },
  };
}
