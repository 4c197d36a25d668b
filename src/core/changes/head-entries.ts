/**
 * What HEAD holds at some paths (`git ls-tree`), as journal content: where a file's journal
 * history since its last commit begins, when a restart rebuilds who changed it.
 */
import { ABSENT, FileModeSchema, type CapturedContent } from '../journal/journal-types';
import { gitRead, gitReadText } from '../git/git-runner';
import { chunkArgs, splitNul } from '../git/nul-fields';

/** HEAD's content of each path; a path HEAD lacks (or an unborn HEAD) maps to ABSENT. */
export async function readHeadEntries(repo: string, paths: readonly string[]): Promise<Map<string, CapturedContent>> {
  const entries = new Map<string, CapturedContent>(paths.map((p) => [p, ABSENT]));
  if (paths.length === 0) return entries;
  const head = (await gitReadText(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'], { okExitCodes: [1, 128] })).trim();
  if (head === '') return entries;
  for (const chunk of chunkArgs(paths)) {
    const listing = await gitRead(repo, ['ls-tree', '-z', '--full-tree', head, '--', ...chunk], { literalPathspecs: true });
    for (const record of splitNul(listing)) {
      // `<mode> <type> <object>\t<path>`
      const tab = record.indexOf('\t');
      const [mode, type, blob] = record.slice(0, tab).split(' ');
      const parsedMode = FileModeSchema.safeParse(mode);
      if (tab < 0 || type !== 'blob' || !blob || !parsedMode.success) continue;
      entries.set(record.slice(tab + 1), { state: 'kept', blob, mode: parsedMode.data, size: null });
    }
  }
  return entries;
}
