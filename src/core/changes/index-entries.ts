/**
 * What the index holds for a path: the content a change is measured against the first time the
 * path changes. The whole index is read once (`git ls-files -s -z`) and again only when the index
 * file itself changed, so asking costs a map lookup, not a git process per batch (which, on a
 * 100,000-file repository, reads a 10 MB index each time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gitRead, gitReadText } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { FileModeSchema, type CapturedContent } from '../journal/journal-types';

interface IndexFileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

export class IndexSnapshot {
  private entries = new Map<string, CapturedContent>();
  private stamp: IndexFileStamp | null = null;
  private indexFile: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly repo: string) {}

  /** The index entries of `paths` (absent paths are untracked). */
  async lookup(paths: readonly string[]): Promise<Map<string, CapturedContent>> {
    await this.refresh();
    const found = new Map<string, CapturedContent>();
    for (const p of paths) {
      const entry = this.entries.get(p);
      if (entry) found.set(p, entry);
    }
    return found;
  }

  private async refresh(): Promise<void> {
    if (this.loading) return this.loading;
    this.indexFile ??= path.resolve(this.repo, (await gitReadText(this.repo, ['rev-parse', '--git-path', 'index'])).trim());
    const now = stampOf(this.indexFile);
    if (this.stamp && now && sameStamp(now, this.stamp)) return;
    this.loading = (async () => {
      this.entries = parseLsFilesStage(await gitRead(this.repo, ['ls-files', '-s', '-z']));
      this.stamp = now;
    })().finally(() => (this.loading = null));
    return this.loading;
  }
}

/** `<mode> <blob> <stage>\t<path>` records; during a merge only stage 2 ("ours", what the working tree started from) is kept. */
export function parseLsFilesStage(output: Buffer | string): Map<string, CapturedContent> {
  const entries = new Map<string, CapturedContent>();
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    const [mode, blob, stage] = record.slice(0, tab).split(' ');
    const parsedMode = FileModeSchema.safeParse(mode);
    if (tab < 0 || !parsedMode.success || !blob || (stage !== '0' && stage !== '2')) continue;
    entries.set(record.slice(tab + 1), { state: 'kept', blob, mode: parsedMode.data, size: null });
  }
  return entries;
}

function stampOf(file: string): IndexFileStamp | null {
  try {
    const stats = fs.statSync(file);
    return { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino };
  } catch {
    return null;
  }
}

const sameStamp = (a: IndexFileStamp, b: IndexFileStamp): boolean => a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
