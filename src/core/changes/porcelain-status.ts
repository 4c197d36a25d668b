/** Reads `git status --porcelain=v2 -z`: which paths differ from HEAD/the index, and how. */
import { gitRead } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import type { ChangeKind } from './change-types';

export interface StatusEntry {
  path: string;
  kind: ChangeKind;
}

/** Fields before the path in each record type (porcelain v2): ordinary, renamed/copied, unmerged. */
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 } as const;

export function parsePorcelainV2(output: Buffer | string): StatusEntry[] {
  const records = splitNul(output);
  const entries: StatusEntry[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const type = record[0];
    if (type === '?') {
      entries.push({ path: record.slice(2), kind: 'add' });
    } else if (type === '1' || type === '2' || type === 'u') {
      const fields = record.split(' ');
      const path = fields.slice(FIELDS_BEFORE_PATH[type]).join(' ');
      const xy = fields[1] ?? '..';
      entries.push({ path, kind: xy.includes('D') ? 'delete' : xy[0] === 'A' ? 'add' : 'modify' });
      // A rename's original path follows as its own NUL-terminated field: it is gone.
      if (type === '2') entries.push({ path: records[++i] ?? '', kind: 'delete' });
    }
    // '#' headers and '!' ignored entries are not changes.
  }
  return entries.filter((e) => e.path !== '');
}

/** Every changed, added, deleted or untracked (not ignored) file, one entry per file. */
export async function readWorktreeStatus(repo: string): Promise<StatusEntry[]> {
  const output = await gitRead(repo, ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignore-submodules=all']);
  return parsePorcelainV2(output);
}
