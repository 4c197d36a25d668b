/**
 * "The remote machine" for tests of Switchyard over SSH as a user drives it: a real sshd on
 * 127.0.0.1 (sshd.ts), an ssh_config with one alias whose session gets what a user there would
 * have (its own runtime directory, a CODEX_HOME for the scripted model, the Codex under test),
 * and the two variables the local Switchyard needs to use them: SWITCHYARD_SSH_CONFIG (instead
 * of ~/.ssh/config) and SWITCHYARD_REMOTE_COMMAND (the built CLI, as `switchyard` on its PATH).
 * The remote serve a test starts there outlives its links by design; `stop` ends it as its user
 * would (SIGTERM; it stops its agents).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInstance } from '../../src/core/instances/instance-registry';
import type { CodexHome } from './codex-home';
import { isAlive, waitFor } from './processes';
import { APP_ROOT } from './serve-process';
import { startSshd, type Sshd } from './sshd';

export interface RemoteHost {
  readonly sshd: Sshd;
  /** The ssh alias (`build1`). */
  readonly alias: string;
  /** The remote user's Switchyard runtime directory. */
  readonly runtimeDir: string;
  /** Merge into the local Switchyard's (or CLI's) environment. */
  readonly localEnv: Record<string, string>;
  /** The remote serve for `repo`, as its instance file there says; null when none runs. */
  instance(repo: string): { pid: number; port: number; token: string } | null;
  /** Stops the remote serves of these repositories, then sshd. */
  stop(repos: string[]): Promise<void>;
}

export async function startRemoteHost(codexHome: CodexHome, alias = 'build1'): Promise<RemoteHost> {
  const sshd = await startSshd();
  const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-remote-runtime-'));
  const config = sshd.clientConfig([
    {
      alias,
      env: {
        SWITCHYARD_RUNTIME_DIR: runtimeDir,
        CODEX_HOME: codexHome.dir,
        ...codexHome.env,
        ...(process.env.SWITCHYARD_CODEX_PATH ? { SWITCHYARD_CODEX_PATH: process.env.SWITCHYARD_CODEX_PATH } : {}),
      },
    },
  ]);
  const instance = (repo: string) => readInstance(repo, { SWITCHYARD_RUNTIME_DIR: runtimeDir });
  return {
    sshd,
    alias,
    runtimeDir,
    localEnv: {
      SWITCHYARD_SSH_CONFIG: config,
      SWITCHYARD_REMOTE_COMMAND: `${process.execPath} ${path.join(APP_ROOT, 'out', 'main', 'cli.js')}`,
    },
    instance,
    stop: async (repos) => {
      for (const repo of repos) {
        const found = instance(repo);
        if (!found) continue;
        process.kill(found.pid, 'SIGTERM');
        await waitFor(() => !isAlive(found.pid), 'the remote serve to exit');
      }
      await sshd.stop();
      fs.rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}
