/** The cheap identity of a file on disk: if it is unchanged, the content is taken as unchanged. */
import fs from 'node:fs';

export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
}

/** Null when nothing, or a folder, is at the path. */
export async function fingerprintOf(absolute: string): Promise<FileFingerprint | null> {
  try {
    const stats = await fs.promises.lstat(absolute);
    if (stats.isDirectory()) return null;
    return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, mode: stats.mode };
  } catch {
    return null;
  }
}

export const sameFingerprint = (a: FileFingerprint | null, b: FileFingerprint | null): boolean =>
  a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.mode === b.mode;
