/**
 * A real OpenSSH server for the remote-connection tests: `/usr/sbin/sshd -D -e` on 127.0.0.1 with
 * a free port, its own host key, and a client key made with ssh-keygen for the test, all in a
 * temp folder. The client side is an ssh_config file (pass it as SWITCHYARD_SSH_CONFIG) with one
 * Host alias per case: which key it offers, and what environment it sends (sshd starts a
 * session with a fresh environment, so the remote Switchyard's CODEX_HOME, runtime dir, command
 * and Codex path travel as SetEnv, which `AcceptEnv *` lets in).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/**
 * Null when sshd and ssh are here; else why not, printed, so the suite skips with a reason. CI sets
 * SWITCHYARD_REQUIRE_SSHD=1, which turns a missing sshd into a failure instead.
 */
export function sshdMissingForSuite(suite: string): string | null {
  let reason: string | null = null;
  if (!fs.existsSync(SSHD)) reason = `no ${SSHD} (apt-get install openssh-server)`;
  else {
    try {
      execFileSync('ssh', ['-V'], { stdio: 'ignore' });
    } catch {
      reason = 'no ssh client on PATH (apt-get install openssh-client)';
    }
  }
  if (reason === null) return null;
  if (process.env.SWITCHYARD_REQUIRE_SSHD === '1') throw new Error(`SWITCHYARD_REQUIRE_SSHD=1 but ${reason}.`);
  console.warn(`SKIPPED ${suite}: ${reason}.`);
  return reason;
}

export interface SshHostAlias {
  /** The name the test connects to (`Host` in the ssh_config). */
  alias: string;
  /** Offer a key the server does not know (a refused login). */
  unauthorizedKey?: boolean;
  /** Sent with SetEnv: the remote session's environment. */
  env?: Record<string, string>;
}

export interface Sshd {
  readonly port: number;
  readonly dir: string;
  /** Writes an ssh_config with these aliases (all on this server); returns its path. */
  clientConfig(aliases: SshHostAlias[]): string;
  /** What sshd logged so far (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'switchyard-test', '-f', file], { stdio: 'ignore' });
}

/** ssh_config's quoting: a value with spaces in double quotes (no double quote inside). */
function configValue(value: string): string {
  if (value.includes('"') || value.includes('\n')) throw new Error(`cannot put ${JSON.stringify(value)} in an ssh_config`);
  return /\s/.test(value) || value === '' ? `"${value}"` : value;
}

export async function startSshd(): Promise<Sshd> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-sshd-')));
  fs.chmodSync(dir, 0o700);
  const hostKey = path.join(dir, 'host_key');
  const clientKey = path.join(dir, 'client_key');
  const strangerKey = path.join(dir, 'stranger_key');
  for (const key of [hostKey, clientKey, strangerKey]) keygen(key);
  fs.copyFileSync(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
  // sshd refuses to start without its privilege separation directory (a fresh container has none).
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      'AcceptEnv *',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start listening in time: ${log}`)), 20_000);
    const check = (): void => {
      if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${String(code)}: ${log}`));
    });
  });

  const user = os.userInfo().username;
  return {
    port,
    dir,
    clientConfig: (aliases) => {
      const file = path.join(dir, `ssh_config-${aliases.map((a) => a.alias).join('-')}`);
      const blocks = aliases.map((a) =>
        [
          `Host ${a.alias}`,
          '  HostName 127.0.0.1',
          `  Port ${port}`,
          `  User ${user}`,
          `  IdentityFile ${a.unauthorizedKey ? strangerKey : clientKey}`,
          '  IdentitiesOnly yes',
          '  IdentityAgent none',
          `  UserKnownHostsFile ${path.join(dir, 'known_hosts')}`,
          '  GlobalKnownHostsFile /dev/null',
          '  StrictHostKeyChecking accept-new',
          // One SetEnv line: ssh takes only the first of each keyword. SHLVL=1 keeps bash from
          // sourcing the test user's ~/.bashrc for an SSH command (it does so only at level 1),
          // which on a build machine may print, or hang (a stale pyenv rehash lock did here).
          `  SetEnv ${Object.entries({ SHLVL: '1', ...a.env }).map(([name, value]) => `${name}=${configValue(value)}`).join(' ')}`,
          '',
        ].join('\n'),
      );
      fs.writeFileSync(file, blocks.join('\n'), { mode: 0o600 });
      return file;
    },
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
