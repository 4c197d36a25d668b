/**
 * An untracked file as the commit plan shows it: its mode, lines, and binary-ness decided the
 * way git decides it (a NUL early on means binary).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LineStats } from './numstat';

/** git looks for a NUL in this many leading bytes to call a file binary (xdiff's FIRST_FEW_BYTES). */
const BINARY_PROBE_BYTES = 8000;
/** Files up to this size are read in one call; larger ones are streamed, so they cost time, not memory. */
const WHOLE_READ_MAX_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const MODE_SYMLINK = '120000';
const MODE_EXECUTABLE = '100755';
const MODE_FILE = '100644';
const EXECUTABLE_BITS = 0o111;

export interface NewFileStats extends LineStats {
  /** `100644`, `100755` or `120000`, as `git add` would record it. */
  mode: string;
}

/**
 * Small files are read synchronously, in slices of a few milliseconds with a yield between:
 * five hundred new files take about 10 ms this way against 80+ ms through the thread pool, and
 * the event loop still answers between slices. Large files are streamed.
 */
const SLICE_MS = 4;

/** Each file's stats, in the order given. */
export async function readNewFilesStats(absolutePaths: readonly string[]): Promise<NewFileStats[]> {
  const stats: NewFileStats[] = [];
  let sliceStart = performance.now();
  for (const file of absolutePaths) {
    const info = fs.lstatSync(file);
    stats.push(info.size <= WHOLE_READ_MAX_BYTES || info.isSymbolicLink() ? smallFileStats(file, info) : await largeFileStats(file, info));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return stats;
}

const modeOf = (info: fs.Stats): string => (info.isSymbolicLink() ? MODE_SYMLINK : info.mode & EXECUTABLE_BITS ? MODE_EXECUTABLE : MODE_FILE);

function smallFileStats(file: string, info: fs.Stats): NewFileStats {
  // A symbolic link's content is its target: one line, as git diff shows it.
  if (info.isSymbolicLink()) return { mode: MODE_SYMLINK, added: 1, removed: 0, binary: false };
  const counter = new LineCounter();
  counter.add(fs.readFileSync(file));
  return { mode: modeOf(info), ...counter.result() };
}

async function largeFileStats(file: string, info: fs.Stats): Promise<NewFileStats> {
  const counter = new LineCounter();
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) if (!counter.add(chunk)) break;
  return { mode: modeOf(info), ...counter.result() };
}

class LineCounter {
  private lines = 0;
  private seen = 0;
  private last = -1;
  private binary = false;

  /** Returns false once the content is known to be binary (no need to read on). */
  add(chunk: Buffer): boolean {
    if (this.seen < BINARY_PROBE_BYTES && chunk.subarray(0, BINARY_PROBE_BYTES - this.seen).includes(0)) this.binary = true;
    if (this.binary) return false;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) this.lines++;
    this.seen += chunk.length;
    if (chunk.length > 0) this.last = chunk[chunk.length - 1]!;
    return true;
  }

  result(): LineStats {
    if (this.binary) return { added: 0, removed: 0, binary: true };
    // A last line without a newline still counts.
    return { added: this.seen > 0 && this.last !== NEWLINE ? this.lines + 1 : this.lines, removed: 0, binary: false };
  }
}
