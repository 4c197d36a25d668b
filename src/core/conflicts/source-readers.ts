/**
 * The two sides an import cycle is judged between: files as they are in the working tree, and as
 * they were at HEAD. Both answer a batch of repo-relative paths with their text, or null where
 * there is no regular file (absent, a directory, too large to be a module someone wrote).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { firstLine, gitRead } from '../git/git-runner';

export interface SourceReader {
  read(paths: readonly string[]): Promise<Map<string, string | null>>;
}

/** Bigger files are bundles or generated code, not modules whose imports a person arranges. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Files read at once: bounded, so a large batch of candidates cannot run out of descriptors. */
const READ_CONCURRENCY = 32;

export function workingTreeReader(repo: string): SourceReader {
  const readOne = async (relative: string): Promise<string | null> => {
    try {
      const absolute = path.join(repo, relative);
      const stat = await fs.stat(absolute);
      if (!stat.isFile() || stat.size > MAX_SOURCE_BYTES) return null;
      return await fs.readFile(absolute, 'utf8');
    } catch {
      return null;
    }
  };
  return {
    async read(paths) {
      const result = new Map<string, string | null>();
      for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
        const batch = paths.slice(i, i + READ_CONCURRENCY);
        const texts = await Promise.all(batch.map(readOne));
        batch.forEach((p, k) => result.set(p, texts[k]!));
      }
      return result;
    },
  };
}

/** One `ls-tree -l` record: mode, type, object id, size, then a tab and the path. */
const TREE_ENTRY = /^(\d+) (\S+) ([0-9a-f]{40,64}) +(\S+)\t([\s\S]*)$/;
const BATCH_HEADER = /^[0-9a-f]{40,64} (\S+) (\d+)$/;
const SYMLINK_MODE = '120000';

/** Regular files at HEAD (path → blob id), or none when there are no commits yet. */
async function headBlobs(repo: string): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  const head = firstLine(await gitRead(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { okExitCodes: [1] }));
  if (head === '') return blobs;
  const listing = await gitRead(repo, ['ls-tree', '-r', '-z', '-l', '--full-tree', head]);
  for (const record of listing.toString('utf8').split('\0')) {
    const entry = TREE_ENTRY.exec(record);
    if (!entry || entry[2] !== 'blob' || entry[1] === SYMLINK_MODE || Number(entry[4]) > MAX_SOURCE_BYTES) continue;
    blobs.set(entry[5]!, entry[3]!);
  }
  return blobs;
}

/**
 * Files at HEAD. One `ls-tree` answers which candidates exist (most do not: a relative import
 * has a dozen spellings), then one `cat-file --batch` per call reads the ones that do, by id.
 */
export async function headReader(repo: string): Promise<SourceReader> {
  const blobs = await headBlobs(repo);
  return {
    async read(paths) {
      const result = new Map<string, string | null>(paths.map((p) => [p, null]));
      const found = paths.filter((p) => blobs.has(p));
      if (found.length === 0) return result;
      const output = await gitRead(repo, ['cat-file', '--batch'], { input: found.map((p) => `${blobs.get(p)!}\n`).join('') });
      let offset = 0;
      for (const p of found) {
        const newline = output.indexOf(0x0a, offset);
        if (newline < 0) break;
        const header = BATCH_HEADER.exec(output.subarray(offset, newline).toString('utf8'));
        offset = newline + 1;
        if (!header) continue;
        const size = Number(header[2]);
        if (header[1] === 'blob') result.set(p, output.subarray(offset, offset + size).toString('utf8'));
        offset += size + 1;
      }
      return result;
    },
  };
}
