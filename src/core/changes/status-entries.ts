/**
 * Which paths differ from HEAD or the index, and how, as change detection needs them: one entry
 * per file (a rename is its new path added or modified and its old path deleted). Read with the
 * commit engine's parser of `git status --porcelain=v2 -z` (git/porcelain-v2.ts).
 */
import { gitRead } from '../git/git-runner';
import { parsePorcelainV2, type StatusRecord } from '../git/porcelain-v2';
import type { ChangeKind } from './change-types';

export interface StatusEntry {
  path: string;
  kind: ChangeKind;
}

function kindOf(record: StatusRecord): ChangeKind {
  if (record.unstaged === 'untracked') return 'add';
  if (record.staged === 'deleted' || record.unstaged === 'deleted') return 'delete';
  return record.staged === 'added' ? 'add' : 'modify';
}

/** Status records as change entries; a rename's (or copy's) source is reported gone. */
export function statusEntriesOf(records: readonly StatusRecord[]): StatusEntry[] {
  const entries: StatusEntry[] = [];
  for (const record of records) {
    entries.push({ path: record.path, kind: kindOf(record) });
    if (record.origPath !== null) entries.push({ path: record.origPath, kind: 'delete' });
  }
  return entries.filter((e) => e.path !== '');
}

/** Every changed, added, deleted or untracked (not ignored) file, one entry per file. */
export async function readStatusEntries(repo: string): Promise<StatusEntry[]> {
  const output = await gitRead(repo, ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignore-submodules=all']);
  return statusEntriesOf(parsePorcelainV2(output));
}
