/**
 * A failed git command as a typed value: what ran, its exit code and stderr, which of the known
 * failures it is, and a message a person can act on. git's own stderr is kept whole for display.
 */

export type GitFailureKind =
  /** Another process holds `.git/index.lock` (or the lock of an index we write). */
  | 'index-locked'
  /** Another process holds the lock of a ref (`refs/heads/x.lock`). */
  | 'ref-locked'
  /** A ref is not at the value we expected: someone else moved the branch. */
  | 'ref-moved'
  /** No `user.name`/`user.email` for commits. */
  | 'identity-unknown'
  | 'not-a-repository'
  /** git could not be started at all. */
  | 'spawn-failed'
  | 'failed';

export class GitError extends Error {
  constructor(
    readonly kind: GitFailureKind,
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Characters of stderr quoted in a message; the whole stderr stays on the error. */
const STDERR_QUOTE_CHARS = 600;

const INDEX_LOCK = /Unable to create '([^']*index\.lock)': File exists/;
const OTHER_LOCK = /Unable to create '([^']*\.lock)': File exists/;
const REF_MOVED = /cannot lock ref '([^']+)': is at ([0-9a-f]+) but expected ([0-9a-f]+)/;
const REF_SHOULD_NOT_EXIST = /cannot lock ref '([^']+)': reference already exists/;
const IDENTITY = /Author identity unknown|Committer identity unknown|Please tell me who you are|empty ident name/;
const NOT_A_REPOSITORY = /not a git repository/i;

export function indexLockedMessage(lockPath: string): string {
  return `index.lock is held by another git process (${lockPath}); wait for it to finish, or remove the file if no git is running.`;
}

/** Turns a git exit into a GitError whose message says what happened and what to do. */
export function classifyGitFailure(args: readonly string[], exitCode: number | null, stderr: string): GitError {
  const command = `git ${args.slice(0, 3).join(' ')}`;
  const make = (kind: GitFailureKind, message: string) => new GitError(kind, message, args, exitCode, stderr);
  const indexLock = INDEX_LOCK.exec(stderr);
  if (indexLock) return make('index-locked', indexLockedMessage(indexLock[1]!));
  const moved = REF_MOVED.exec(stderr);
  if (moved) {
    return make(
      'ref-moved',
      `${moved[1]} was moved by someone else (it is at ${moved[2]!.slice(0, 12)}, expected ${moved[3]!.slice(0, 12)}); nothing was changed — make the plan again from the new state.`,
    );
  }
  const exists = REF_SHOULD_NOT_EXIST.exec(stderr);
  if (exists) return make('ref-moved', `${exists[1]} was created by someone else meanwhile; nothing was changed — make the plan again.`);
  const otherLock = OTHER_LOCK.exec(stderr);
  if (otherLock) {
    return make('ref-locked', `${otherLock[1]} is held by another git process; wait for it to finish, or remove the file if no git is running.`);
  }
  if (IDENTITY.test(stderr)) {
    return make('identity-unknown', 'git does not know who you are: set `git config user.name "Your Name"` and `git config user.email you@example.com`, then try again.');
  }
  if (NOT_A_REPOSITORY.test(stderr)) return make('not-a-repository', `Not a git repository: ${stderr.trim().slice(0, STDERR_QUOTE_CHARS)}`);
  const detail = stderr.trim().slice(0, STDERR_QUOTE_CHARS) || '(no output)';
  return make('failed', `${command} failed (exit ${exitCode ?? 'killed'}): ${detail}`);
}
