/**
 * Runs the built `switchyard` command as a user would: `serve` in the background (its URL read
 * from the one line it prints) and one-shot commands, all sharing a private runtime directory.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const APP_ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(APP_ROOT, 'bin', 'switchyard.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ServeProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly env: NodeJS.ProcessEnv;
  /** What serve wrote to stderr so far. */
  stderr(): string;
  /** Runs `switchyard <args>` against this instance's runtime directory. */
  cli(...args: string[]): Promise<CliResult>;
  /** Stops serve with SIGTERM (it stops its agents) and waits for it to exit. */
  stop(): Promise<void>;
}

export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SWITCHYARD_RUNTIME_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sy-runtime-')),
    // `npm test` builds once before the tests; a rebuild mid-run would race with other tests.
    SWITCHYARD_SKIP_BUILD: '1',
    ...extra,
  };
}

export async function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { env, cwd: APP_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Starts `switchyard serve` from the app's folder on `repo`; null passes `--no-repo`, undefined no
 * repository option at all. `extraArgs` go after (e.g. `--port`).
 */
export async function startServe(repo: string | null | undefined, env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<ServeProcess> {
  const repoArgs = repo === undefined ? [] : repo ? ['--repo', repo] : ['--no-repo'];
  const child = spawn(process.execPath, [BIN, 'serve', ...repoArgs, ...extraArgs], {
    env,
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in time. stderr: ${stderr}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    env,
    stderr: () => stderr,
    cli: (...args) => runCli(env, args),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
