/**
 * Parses `git status --porcelain=v2 -z`: one record per path with its state in the index
 * (against HEAD) and in the working tree (against the index), the three modes, and a rename's
 * source; with `--branch`, also HEAD's commit and branch. The one parser of git status in the
 * project (the commit engine and change detection both read it). Pure, so every record shape is
 * unit-tested without a repository.
 */
import { splitNul } from './nul-fields';

export type SideState = 'unmodified' | 'modified' | 'type-changed' | 'added' | 'deleted' | 'renamed' | 'copied' | 'unmerged' | 'untracked';

const STATE_BY_LETTER: Record<string, SideState> = {
  '.': 'unmodified',
  M: 'modified',
  T: 'type-changed',
  A: 'added',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  U: 'unmerged',
};

/** git's mode for "no file here" in porcelain v2. */
export const ABSENT_MODE = '000000';

export interface StatusRecord {
  path: string;
  /** The path this one was renamed (or copied) from in the index. */
  origPath: string | null;
  /** Index against HEAD. */
  staged: SideState;
  /** Working tree against the index. */
  unstaged: SideState;
  /** Octal modes, ABSENT_MODE where the path does not exist; null when git does not say (untracked). */
  headMode: string | null;
  indexMode: string | null;
  worktreeMode: string | null;
  unmerged: boolean;
  submodule: boolean;
}

/** Space-separated fields before the path in each record type (porcelain v2). */
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 } as const;

function sideState(letter: string | undefined): SideState {
  return STATE_BY_LETTER[letter ?? '.'] ?? 'unmodified';
}

/** `# branch.oid` and `# branch.head` (with `--branch`): null when absent, on an unborn branch, or when detached. */
export interface BranchHeaders {
  /** HEAD's commit; null before the first commit. */
  commit: string | null;
  /** The branch's short name (`main`); null when HEAD is detached. */
  branch: string | null;
  /** Whether git printed the headers at all (status was run with `--branch`). */
  present: boolean;
}

export function parsePorcelainV2(output: Buffer | string): StatusRecord[] {
  return parseStatus(output).records;
}

export function parseStatus(output: Buffer | string): { records: StatusRecord[]; branch: BranchHeaders } {
  const fields = splitNul(output);
  const records: StatusRecord[] = [];
  const branch: BranchHeaders = { commit: null, branch: null, present: false };
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const type = field[0];
    if (type === '#') {
      readHeader(field, branch);
      continue;
    }
    if (type === '?') {
      const path = field.slice(2);
      // An untracked nested repository shows as "dir/": it is not a file we can commit.
      if (path.endsWith('/')) continue;
      records.push({ path, origPath: null, staged: 'unmodified', unstaged: 'untracked', headMode: null, indexMode: null, worktreeMode: null, unmerged: false, submodule: false });
      continue;
    }
    if (type !== '1' && type !== '2' && type !== 'u') continue; // '#' headers, '!' ignored
    const parts = field.split(' ');
    const path = parts.slice(FIELDS_BEFORE_PATH[type]).join(' ');
    const xy = parts[1] ?? '..';
    const submodule = (parts[2] ?? 'N...')[0] === 'S';
    const modes = type === 'u' ? { headMode: parts[3]!, indexMode: parts[5]!, worktreeMode: parts[6]! } : { headMode: parts[3]!, indexMode: parts[4]!, worktreeMode: parts[5]! };
    // A rename's source follows as its own NUL-terminated field.
    const origPath = type === '2' ? (fields[++i] ?? null) : null;
    records.push({ path, origPath, staged: sideState(xy[0]), unstaged: sideState(xy[1]), ...modes, unmerged: type === 'u', submodule });
  }
  return { records, branch };
}

function readHeader(field: string, branch: BranchHeaders): void {
  const [, key = '', value = ''] = /^# (\S+) (.*)$/.exec(field) ?? [];
  if (key === 'branch.oid') {
    branch.present = true;
    branch.commit = value === '(initial)' ? null : value;
  } else if (key === 'branch.head') {
    branch.present = true;
    branch.branch = value === '(detached)' ? null : value;
  }
}
