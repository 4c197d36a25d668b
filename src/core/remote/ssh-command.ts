/**
 * How Switchyard runs the system's OpenSSH client: the same options for every call, so a host
 * that needs a password or a question fails at once (BatchMode) instead of waiting on a prompt
 * nobody sees, and a tunnel that cannot forward ends instead of idling. The user's ~/.ssh/config
 * applies as usual; SWITCHYARD_SSH_CONFIG replaces it (the tests' own sshd). Nothing secret ever
 * goes on these command lines: the far core's token comes back on ssh's stdout only.
 */
import { spawn } from 'node:child_process';
import type { RemoteTarget } from './remote-target';

export const SSH_OPTIONS: readonly string[] = [
  'BatchMode=yes',
  'ExitOnForwardFailure=yes',
  'ServerAliveInterval=5',
  'ServerAliveCountMax=3',
  'StreamLocalBindUnlink=yes',
  // A host that drops packets would otherwise hold the connect step for the TCP timeout (minutes).
  'ConnectTimeout=15',
];

export interface SshSettings {
  /** The ssh binary; `ssh` on PATH unless a test or a user says otherwise. */
  ssh: string;
  /** `-F` file; null uses the user's own ssh config. */
  configFile: string | null;
}

export function sshSettings(env: NodeJS.ProcessEnv): SshSettings {
  return { ssh: 'ssh', configFile: env.SWITCHYARD_SSH_CONFIG || null };
}

/** ssh's arguments up to and including the destination; the caller appends the remote command (or `-N -L …` before). */
export function sshArgs(target: RemoteTarget, settings: SshSettings, extra: readonly string[] = []): string[] {
  return [
    ...SSH_OPTIONS.flatMap((option) => ['-o', option]),
    ...(settings.configFile ? ['-F', settings.configFile] : []),
    ...(target.port ? ['-p', String(target.port)] : []),
    ...(target.user ? ['-l', target.user] : []),
    ...extra,
    // parseRemoteTarget lets no host start with "-"; the "--" keeps it that way whatever comes.
    '--',
    target.host,
  ];
}

/** One word for a POSIX shell, quoted so the remote shell passes it through unchanged. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./=:@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A remote path as a shell word; a leading `~/` stays unquoted so the remote shell expands it. */
export function remotePathWord(remotePath: string): string {
  if (remotePath === '~') return '~';
  if (remotePath.startsWith('~/')) return `~/${shellWord(remotePath.slice(2))}`;
  return shellWord(remotePath);
}

export interface SshResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Longest an SSH step may take: the remote `instance --start` waits up to 60 s for a cold serve,
 * plus the connection itself. A login script waiting for input would otherwise hang it for good.
 */
export const SSH_STEP_TIMEOUT_MS = 120_000;

export interface RunSshOptions {
  stdin?: string;
  timeoutMs?: number;
  /** Aborting ends the ssh (the link was closed meanwhile). */
  signal?: AbortSignal;
}

/** Runs `ssh … host <remoteCommand>`; resolves when ssh exits, rejects (a sentence) when it takes too long. */
export function runSsh(target: RemoteTarget, settings: SshSettings, remoteCommand: string, options: RunSshOptions = {}): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(settings.ssh, [...sshArgs(target, settings, ['-T']), remoteCommand], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timeoutMs = options.timeoutMs ?? SSH_STEP_TIMEOUT_MS;
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`ssh to ${target.host} did not finish within ${Math.ceil(timeoutMs / 1000)} s (a login script waiting for input, or a stuck remote command), so it was stopped`));
    }, timeoutMs);
    const abort = (): void => void child.kill('SIGTERM');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve({ code, signal, stdout, stderr });
    });
    // A remote command that reads no input closes the pipe early; that is not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

/** ssh's own exit code when it, not the remote command, failed. */
export const SSH_FAILED = 255;

/** Why ssh itself failed, in one sentence a person can act on, from what it printed. */
export function sshFailure(hostLabel: string, stderr: string): string {
  const text = stderr.replace(/\r/g, '');
  if (/Could not resolve hostname/i.test(text)) return `SSH could not find the host ${hostLabel}; check the name and your ~/.ssh/config.`;
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(text)) {
    return `The host key of ${hostLabel} is unknown or has changed; connect once with plain \`ssh ${hostLabel}\` to check and accept it.`;
  }
  if (/Permission denied/i.test(text)) {
    return `${hostLabel} refused the SSH login (permission denied); Switchyard cannot type a password, so give it a key through ssh-agent or your ~/.ssh/config.`;
  }
  if (/Connection refused/i.test(text)) return `Nothing answers SSH on ${hostLabel} (connection refused).`;
  if (/timed out/i.test(text)) return `SSH to ${hostLabel} timed out; check that the host is up and reachable.`;
  const last = text.split('\n').map((line) => line.trim()).filter(Boolean).pop();
  return `SSH to ${hostLabel} failed${last ? `: ${last.replace(/\.$/, '')}` : ''}.`;
}
