/**
 * The two sides an import cycle is judged between: files as they are in the working tree, and as
 * they were at HEAD. Both answer a batch of repo-relative paths with their text, or null where
 * there is no regular file (absent, a directory, too large to be a module someone wrote).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gitRead } from '../git/git-runner';

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

const BATCH_HEADER = /^[0-9a-f]{40,64} (\S+) (\d+)$/;

/**
 * Files at HEAD through one `git cat-file --batch` per call (not one `git show` per file). A
 * repository without commits has nothing at HEAD.
 */
export async function headReader(repo: string): Promise<SourceReader> {
  const head = (await gitRead(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { okExitCodes: [1] })).toString('utf8').trim();
  return {
    async read(paths) {
      const result = new Map<string, string | null>(paths.map((p) => [p, null]));
      // A path with a newline cannot be asked for on one line; it is simply not found.
      const asked = paths.filter((p) => !p.includes('\n'));
      if (head === '' || asked.length === 0) return result;
      const output = await gitRead(repo, ['cat-file', '--batch'], { input: asked.map((p) => `${head}:${p}\n`).join('') });
      let offset = 0;
      for (const p of asked) {
        const newline = output.indexOf(0x0a, offset);
        if (newline < 0) break;
        const header = BATCH_HEADER.exec(output.subarray(offset, newline).toString('utf8'));
        offset = newline + 1;
        if (!header) continue;
        const size = Number(header[2]);
        if (header[1] === 'blob' && size <= MAX_SOURCE_BYTES) result.set(p, output.subarray(offset, offset + size).toString('utf8'));
        offset += size + 1;
      }
      return result;
    },
  };
}
