/** Reads what is at a path right now into the object store, as a journal version would hold it. */
import fs from 'node:fs';
import path from 'node:path';
import { writeBlob } from './blob-store';
import type { PathHasher } from './path-hasher';
import { ABSENT, type CapturedContent, type FileMode } from './journal-types';

/**
 * Files above this size get a version entry without their bytes: an agent that writes a 2 GB
 * build artefact into an un-ignored folder must not double the repository's size.
 */
export const MAX_JOURNALED_BYTES = 50 * 1024 * 1024;

export function fileModeOf(stats: fs.Stats): FileMode | null {
  if (stats.isSymbolicLink()) return '120000';
  if (!stats.isFile()) return null;
  return stats.mode & 0o111 ? '100755' : '100644';
}

/**
 * The content at `relative`: a blob for a file or symbolic link (its target text, as git stores
 * links), 'deleted' when nothing (or a folder) is there. A file that vanishes while it is being
 * read counts as deleted.
 */
export async function captureContent(repo: string, hasher: PathHasher, relative: string): Promise<CapturedContent> {
  const absolute = path.join(repo, ...relative.split('/'));
  let stats: fs.Stats;
  try {
    stats = await fs.promises.lstat(absolute);
  } catch {
    return ABSENT;
  }
  const mode = fileModeOf(stats);
  if (mode === null) return ABSENT;
  if (mode === '120000') {
    try {
      const target = await fs.promises.readlink(absolute, { encoding: 'buffer' });
      return { state: 'kept', blob: await writeBlob(repo, target), mode, size: target.length };
    } catch {
      return ABSENT;
    }
  }
  if (stats.size > MAX_JOURNALED_BYTES) return { state: 'too-large', blob: null, mode, size: stats.size };
  try {
    const blob = absolute.includes('\n') ? await writeBlob(repo, await fs.promises.readFile(absolute)) : await hasher.hash(absolute);
    return { state: 'kept', blob, mode, size: stats.size };
  } catch {
    return fs.existsSync(absolute) ? { state: 'unreadable', blob: null, mode, size: stats.size } : ABSENT;
  }
}

export const sameContent = (a: CapturedContent, b: CapturedContent): boolean =>
  a.state === b.state && a.blob === b.blob && a.mode === b.mode && (a.state === 'kept' || a.state === 'deleted' || a.size === b.size);
