/**
 * Runs git for Switchyard's own background work (journal, watcher, baseline). Every call passes
 * `--no-optional-locks`, so a `git status` of ours never takes `index.lock` away from an agent's
 * own git command. Commands that take pathspecs add LITERAL_PATHSPECS, so a file named `*.ts`
 * means that file only (check-ignore refuses it, hence not global).
 * (When src/core/git/ exists, this belongs there.)
 */
import { spawn } from 'node:child_process';

/** Variables that would point git at another repository or index than the one we were given. */
const REDIRECTING_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE'];

export const GLOBAL_GIT_ARGS = ['--no-optional-locks', '-c', 'core.quotepath=off'];
/** Put before the subcommand: pathspecs are plain paths, no glob or magic. */
export const LITERAL_PATHSPECS = '--literal-pathspecs';

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${exitCode ?? 'killed'}): ${stderr.trim().slice(0, 500)}`);
    this.name = 'GitCommandError';
  }
}

export interface GitRunOptions {
  /** Written to git's stdin, then stdin is closed. */
  input?: Buffer | string;
  /** Exit codes that are answers, not failures (`check-ignore` exits 1 when nothing is ignored). */
  okExitCodes?: readonly number[];
  env?: NodeJS.ProcessEnv;
}

export function backgroundGitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of REDIRECTING_ENV) delete env[name];
  // A journal commit or a diff must never open an editor or a pager.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  return env;
}

/** Runs `git <args>` in `repo` and resolves with its stdout bytes. */
export function runGit(repo: string, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  const fullArgs = [...GLOBAL_GIT_ARGS, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, { cwd: repo, env: backgroundGitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ok = code === 0 || (code !== null && (options.okExitCodes ?? []).includes(code));
      if (ok) resolve(Buffer.concat(out));
      else reject(new GitCommandError(args, code, Buffer.concat(err).toString('utf8')));
    });
    // git may exit before reading all of stdin (an error); that EPIPE is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

export async function runGitText(repo: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return (await runGit(repo, args, options)).toString('utf8');
}

/** Splits NUL-terminated git output (`-z`) into its fields, dropping the trailing empty one. */
export function splitNul(output: Buffer | string): string[] {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  const fields = text.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}
