/**
 * Runs git with argv arrays (never a shell string) in one repository. Every call gets a clean
 * environment (nothing inherited can point git at another repository or index), English messages
 * so failures can be recognised, and, for reads, `--no-optional-locks`, so a background
 * `git status` of ours never takes `index.lock` away from an agent's own git.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { classifyGitFailure, GitError } from './git-error';

/** Inherited variables that would point git at another repository, index or pathspec mode. */
const REDIRECTING_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
  'GIT_OPTIONAL_LOCKS',
];

/**
 * Before every subcommand: paths in git's plain (non `-z`) output as they are, not C-quoted, so a
 * non-ASCII name reads back as itself.
 */
const COMMON_ARGS = ['-c', 'core.quotepath=off'];

/** For a long-lived git process of ours (`git-coprocess.ts`): lock-free and unquoted, like gitRead. */
export const BACKGROUND_GIT_ARGS: readonly string[] = ['--no-optional-locks', ...COMMON_ARGS];

export interface GitRunOptions {
  /** Variables set for this call only, e.g. `GIT_INDEX_FILE` for a temporary index. */
  env?: Record<string, string>;
  /** Written to git's stdin, which is then closed. */
  input?: Buffer | string;
  /** Exit codes that are answers, not failures (`diff --quiet` exits 1 when there are differences). */
  okExitCodes?: readonly number[];
  /** Pathspecs are plain paths: a file named `*.ts` or `:(top)x` means exactly that file. */
  literalPathspecs?: boolean;
  /**
   * Keep the user's locale: for hooks, whose output a person reads. Other calls run in the C
   * locale so that `classifyGitFailure` can recognise git's messages.
   */
  keepLocale?: boolean;
}

export interface GitOutput {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

/**
 * git frees zlib's ~256 KiB deflate state after every object it writes, and glibc then gives the
 * heap top back to the kernel, only to fault it in again for the next object: two thirds of the
 * CPU of hashing 2,000 files into the object store (0.15 of 0.2 CPU-s, measured with git 2.39).
 * Keeping up to 4 MiB of free heap ends that churn. Other C libraries ignore the variable.
 */
const GIT_MALLOC_TUNABLES = 'glibc.malloc.trim_threshold=4194304:glibc.malloc.top_pad=4194304';

export function gitEnv(options: Pick<GitRunOptions, 'env' | 'keepLocale'> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REDIRECTING_ENV) delete env[name];
  // Nothing we run may wait on a person: no editor, pager or credential prompt.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  env.GIT_EDITOR = ':';
  if (!options.keepLocale) {
    env.LC_ALL = 'C';
    // Not for hooks (keepLocale): they run the user's programs, which get the user's environment.
    env.GLIBC_TUNABLES ??= GIT_MALLOC_TUNABLES;
  }
  return { ...env, ...options.env };
}

/** Runs `git <args>` and resolves with its output; rejects with a GitError on failure. */
export function runGit(repo: string, args: readonly string[], options: GitRunOptions & { optionalLocks: boolean }): Promise<GitOutput> {
  const globalArgs = [
    ...(options.optionalLocks ? [] : ['--no-optional-locks']),
    ...COMMON_ARGS,
    ...(options.literalPathspecs ? ['--literal-pathspecs'] : []),
  ];
  const fullArgs = [...globalArgs, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, { cwd: repo, env: gitEnv(options), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) => {
      // spawn reports a missing working folder as ENOENT too, which reads like "git is not installed".
      const message = fs.existsSync(repo) ? `Could not run git: ${error.message}` : `The folder ${repo} no longer exists.`;
      reject(new GitError('spawn-failed', message, args, null, ''));
    });
    child.once('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const ok = code === 0 || (code !== null && (options.okExitCodes ?? []).includes(code));
      if (ok) resolve({ stdout: Buffer.concat(out), stderr, exitCode: code ?? 0 });
      else reject(classifyGitFailure(args, code, stderr));
    });
    // git may exit before reading all of stdin (an error); that EPIPE is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A read that must never take an optional lock (status, diff, ls-files): safe while agents run git. */
export async function gitRead(repo: string, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  return (await runGit(repo, args, { ...options, optionalLocks: false })).stdout;
}

export async function gitReadText(repo: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return (await gitRead(repo, args, options)).toString('utf8');
}

/**
 * A command that writes (objects, a temporary index, a ref, the user's index). Callers that
 * write shared state hold the repository's mutex (`repo-mutex.ts`).
 */
export async function gitWrite(repo: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitOutput> {
  return runGit(repo, args, { ...options, optionalLocks: true });
}

/** One line of output without its newline: `rev-parse`, `write-tree`, `commit-tree` answers. */
export function firstLine(output: Buffer | string): string {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  return text.split('\n', 1)[0]!.trim();
}
