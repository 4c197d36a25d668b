/**
 * Writes a file so that a crash at any moment leaves either the old or the new content:
 * temp file, fsync, rename (write-file-atomic), then fsync of the directory so the rename
 * itself survives a power cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export async function writeDurably(file: string, content: string): Promise<void> {
  await writeFileAtomic(file, content, { fsync: true, mode: 0o600 });
  fsyncDirectory(path.dirname(file));
}

export function writeDurablySync(file: string, content: string): void {
  writeFileAtomic.sync(file, content, { fsync: true, mode: 0o600 });
  fsyncDirectory(path.dirname(file));
}

export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // Directories cannot be opened for fsync there.
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
