/**
 * Follows one agent's growing rollout log: reads from the last offset whenever fs.watch says the
 * file changed (and on a slow poll, because fs.watch can miss events and cannot watch a file that
 * does not exist yet). Keeps a partial last line as bytes until its newline arrives, and starts
 * over when the file is truncated or replaced.
 */
import fs from 'node:fs';
import { RolloutLineParser, type RolloutEvent } from './rollout-events';

/** Safety-net poll; fs.watch normally reports a new line within milliseconds. */
export const ROLLOUT_POLL_MS = 500;
/** Bytes read per read() call; a FileChange line carrying a whole new file can be large. */
const READ_CHUNK_BYTES = 1 << 20;
/** A line longer than this is dropped (up to its newline) instead of held in memory forever. */
export const MAX_ROLLOUT_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

export interface RolloutTailerOptions {
  file: string;
  agentId: string;
  repo: string;
  onEvents: (events: RolloutEvent[]) => void;
  pollMs?: number;
}

export class RolloutTailer {
  private offset = 0;
  private inode: number | null = null;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private skippingLongLine = false;
  private parser: RolloutLineParser;
  private watcher: fs.FSWatcher | null = null;
  private readonly poll: NodeJS.Timeout;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private disposed = false;

  constructor(private readonly options: RolloutTailerOptions) {
    this.parser = new RolloutLineParser(options.agentId, options.repo);
    this.poll = setInterval(() => void this.readNow(), options.pollMs ?? ROLLOUT_POLL_MS);
    this.poll.unref();
    void this.readNow();
  }

  get file(): string {
    return this.options.file;
  }

  /** Reads whatever was appended since the last read; concurrent calls share one pass plus one more. */
  readNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        await this.readAppended();
      } while (this.readAgain && !this.disposed);
    })().finally(() => (this.reading = null));
    return this.reading;
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.poll);
    this.watcher?.close();
    this.watcher = null;
  }

  private async readAppended(): Promise<void> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.options.file, 'r');
    } catch {
      return; // Not there yet: Codex creates it with the session.
    }
    try {
      const stats = await handle.stat();
      if (stats.ino !== this.inode || stats.size < this.offset) this.restart(stats.ino);
      this.ensureWatching();
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      while (!this.disposed && this.offset < stats.size) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_CHUNK_BYTES, stats.size - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.consume(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }

  /** Truncated or replaced (a new inode): the old offset means nothing; read it all again. */
  private restart(inode: number): void {
    this.inode = inode;
    this.offset = 0;
    this.partial = [];
    this.partialBytes = 0;
    this.skippingLongLine = false;
    this.parser = new RolloutLineParser(this.options.agentId, this.options.repo);
    this.watcher?.close();
    this.watcher = null;
  }

  private consume(chunk: Buffer): void {
    const events: RolloutEvent[] = [];
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf(NEWLINE, start)) >= 0) {
      const piece = chunk.subarray(start, newline);
      start = newline + 1;
      if (this.skippingLongLine) {
        this.skippingLongLine = false;
        continue;
      }
      // Bytes, not strings, until the line is whole: a UTF-8 character may straddle two reads.
      const line = this.partialBytes > 0 ? Buffer.concat([...this.partial, piece]) : piece;
      this.partial = [];
      this.partialBytes = 0;
      const text = line.toString('utf8').trim();
      if (text) events.push(...this.parser.parse(text));
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0 && !this.skippingLongLine) {
      this.partial.push(Buffer.from(rest));
      this.partialBytes += rest.length;
      if (this.partialBytes > MAX_ROLLOUT_LINE_BYTES) {
        this.partial = [];
        this.partialBytes = 0;
        this.skippingLongLine = true;
      }
    }
    if (events.length > 0) this.options.onEvents(events);
  }

  private ensureWatching(): void {
    if (this.watcher || this.disposed) return;
    try {
      this.watcher = fs.watch(this.options.file, { persistent: false }, () => void this.readNow());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // The poll keeps reading.
    }
  }
}
