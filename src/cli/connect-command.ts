/**
 * `switchyard connect [user@]host[:port] --repo PATH` (without a host: a repository another
 * Switchyard serves on this machine): adds a connection to the Switchyard the user already has
 * open in a browser, or, when none runs here, starts one without a repository (like `serve`, in
 * the foreground) and adds it there. Waits while it connects (an SSH link's steps go to stderr),
 * then prints the address that opens the window on the connection, or fails with why.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listInstances, type InstanceInfo } from '../core/instances/instance-registry';
import { browserAddress } from '../shared/browser-address';
import type { ConnectionInfo } from '../shared/connections';
import { CliError } from './cli-error';
import type { Output } from './commands';
import { waitForConnection } from './connection-wait';
import { connectToRepo } from './host-client';
import { runningRepoOf } from './running-repo';

export interface ConnectCommandOptions {
  /** `[user@]host[:port]`; absent for a repository served by another Switchyard on this machine. */
  target?: string | undefined;
  repo: string;
  open?: boolean;
  appRoot: string;
}

export async function connectCommand(options: ConnectCommandOptions, output: Output, errors: Output): Promise<void> {
  // A local repository is resolved here: the Switchyard that adds it runs in another folder.
  const request = options.target === undefined ? { repo: path.resolve(options.repo) } : { target: options.target, repo: options.repo };
  const home = homeInstance(options.target === undefined ? request.repo : null);
  if (home) {
    const client = await connectToRepo(home.repo);
    let connection: ConnectionInfo;
    try {
      ({ connection } = await client.invoke('connections.add', request));
      connection = await waitForConnection(connection, async () => (await client.invoke('connections.list', {})).connections, errors);
    } finally {
      client.close();
    }
    announce(browserAddress(home.port, home.token), connection, options, output, errors);
    return;
  }

  // None runs here: one without a repository, in the foreground until Ctrl-C, like `serve`.
  const { startSwitchyard } = await import('../host/serve');
  const running = await startSwitchyard({
    repo: null,
    appRoot: options.appRoot,
    servePages: true,
    kind: 'serve',
    nodeRunner: [process.execPath],
  });
  let connection: ConnectionInfo;
  try {
    const added = running.core.connections.add(request);
    connection = await waitForConnection(added, () => Promise.resolve(running.core.connections.list()), errors);
  } catch (error) {
    await running.close();
    throw error instanceof CliError ? error : new CliError((error as Error).message);
  }
  const shutdown = (): void => void running.close().finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('SIGHUP', shutdown);
  errors.out('No Switchyard was running here: this one serves the connection until Ctrl-C.');
  announce(running.host.url, connection, options, output, errors);
}

/**
 * The browser Switchyard to add the connection to: the one serving the current folder's
 * repository, else the newest `serve` (the desktop app has no address to print). Never the one
 * serving the repository being added: it would show itself.
 */
function homeInstance(addedRepo: string | null): InstanceInfo | null {
  const candidates = listInstances().filter((instance) => instance.kind === 'serve' && instance.repo !== addedRepo);
  const here = runningRepoOf(process.cwd());
  return candidates.find((instance) => instance.repo === here) ?? candidates[0] ?? null;
}

function announce(base: string, connection: ConnectionInfo, options: ConnectCommandOptions, output: Output, errors: Output): void {
  // CONNECTION_PARAM of shared/connections.ts, written out: that module loads zod.
  const url = `${base}&connection=${encodeURIComponent(connection.id)}`;
  output.out(`Connected ${connection.label} (${connection.state}${connection.detail ? `: ${connection.detail}` : ''}). Open ${url}`);
  if (!options.open) return;
  const opener = findOnPath('xdg-open');
  if (!opener) {
    errors.out('No xdg-open on PATH: open the address above in your browser.');
    return;
  }
  spawn(opener, [url], { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return null;
}
