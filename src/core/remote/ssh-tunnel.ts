/**
 * The tunnel to a remote core: `ssh -N -L <local socket>:127.0.0.1:<remote port>`. A Unix socket
 * in the private runtime directory (0700) rather than a local TCP port, so no other user on this
 * machine can connect through it to the far core. Ready once the socket exists and an HTTP
 * request through it reaches the far host (which proves the remote port is the live one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { sshArgs, sshFailure, type SshSettings } from './ssh-command';
import type { RemoteTarget } from './remote-target';
import { RemoteStepError } from './remote-instance';

export interface OpenTunnel {
  readonly child: ChildProcess;
  /** Resolves with what ssh said on stderr once it exits (for whatever reason). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const READY_TIMEOUT_MS = 20_000;

/**
 * Every tunnel's ssh while it runs. A Switchyard that ends without closing its links (an uncaught
 * error, process.exit) ends them on its way out: `ssh -N` would otherwise hold the socket for good.
 */
const liveTunnels = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  liveTunnels.add(child);
  child.once('close', () => liveTunnels.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const tunnel of liveTunnels) tunnel.kill('SIGTERM');
  });
}
const POLL_MS = 50;

export async function openTunnel(
  target: RemoteTarget,
  settings: SshSettings,
  hostLabel: string,
  socketPath: string,
  remotePort: number,
): Promise<OpenTunnel> {
  fs.rmSync(socketPath, { force: true });
  const child = spawn(settings.ssh, sshArgs(target, settings, ['-N', '-L', `${socketPath}:127.0.0.1:${remotePort}`]), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  track(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.once('error', (error) => {
      stderr += `${error.message}\n`;
      ended ??= { code: null, signal: null };
      resolve({ ...ended, stderr });
    });
    child.once('close', (code, signal) => {
      ended = { code, signal };
      resolve({ code, signal, stderr });
    });
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (ended) throw new RemoteStepError(sshFailure(hostLabel, stderr));
    if (fs.existsSync(socketPath) && (await answersHttp(socketPath, remotePort))) return { child, exited };
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new RemoteStepError(`The SSH tunnel to ${hostLabel} did not reach Switchyard's port ${remotePort} there in ${READY_TIMEOUT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Any HTTP answer through the socket: ssh connected it to a live server on the remote port. */
export function answersHttp(socketPath: string, remotePort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/', headers: { host: `127.0.0.1:${remotePort}` }, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.once('error', () => resolve(false));
    request.once('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}
