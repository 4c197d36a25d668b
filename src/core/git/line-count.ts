/** Lines and binary-ness of an untracked file, read the way git decides it (a NUL early on means binary). */
import fs from 'node:fs';
import type { LineStats } from './numstat';

/** git looks for a NUL in this many leading bytes to call a file binary (xdiff's FIRST_FEW_BYTES). */
const BINARY_PROBE_BYTES = 8000;
const NEWLINE = 0x0a;

export async function countNewFileLines(absolutePath: string): Promise<LineStats> {
  const info = await fs.promises.lstat(absolutePath);
  // A symbolic link's content is its target: one line, as git diff shows it.
  if (info.isSymbolicLink()) return { added: 1, removed: 0, binary: false };
  let lines = 0;
  let seen = 0;
  let last = -1;
  let binary = false;
  // Streamed, so a large untracked file costs time, not memory.
  for await (const chunk of fs.createReadStream(absolutePath) as AsyncIterable<Buffer>) {
    if (seen < BINARY_PROBE_BYTES && chunk.subarray(0, BINARY_PROBE_BYTES - seen).includes(0)) binary = true;
    if (binary) break;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
    seen += chunk.length;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (binary) return { added: 0, removed: 0, binary: true };
  // A last line without a newline still counts.
  if (seen > 0 && last !== NEWLINE) lines++;
  return { added: lines, removed: 0, binary: false };
}
