/**
 * Keeps one agent's saved terminal (see terminal-log.ts) up to date at little cost: output is
 * gathered in memory and appended once per FLUSH_MS, and the file never grows past its bound:
 * when the next append would not fit, the file is rewritten as the mirror's serialized screen
 * instead (compaction). A flood thus costs one append or one snapshot per FLUSH_MS, however much
 * it prints, and output gathered past the bound is dropped, since the snapshot covers it.
 *
 * Writes are synchronous: at most one bounded write per agent per FLUSH_MS, and no write can
 * overtake another (appends, compaction and the last write at shutdown stay in order).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Clock, TimerHandle } from '../lifecycle/clock';
import { encodeOutput, encodeSize } from './terminal-log';
import type { TerminalSize, TerminalSnapshot } from './terminal-mirror';

export const TerminalLogLimits = {
  /** A saved terminal never grows past this: a few screens of Codex and some scrollback. */
  MaxBytes: 384 * 1024,
  /**
   * A compacted log is cut to this much, so at least as many bytes of output are appended before
   * the next compaction: a busy agent pays for a snapshot only every so often.
   */
  CompactedMaxBytes: 192 * 1024,
  /** Scrollback lines a compacted log keeps (the mirror holds more, for views that reload). */
  CompactedScrollbackLines: 1_000,
  /** Output is written this long after it arrived; a crash loses at most this much of it. */
  FlushMs: 1_000,
} as const;

export interface TerminalLogWriterOptions {
  file: string;
  /** Bytes the file holds already (appends go after them). */
  bytes: number;
  /** The file is damaged (a torn or garbled line): the first write rewrites it whole. */
  damaged: boolean;
  /** The mirror's screen as of everything recorded so far; null once the terminal is gone. */
  snapshot(scrollbackLines: number): Promise<TerminalSnapshot | null>;
  clock: Clock;
  /** A write failed; the writer carries on (the next write rewrites the whole file). */
  onProblem(message: string): void;
}

export class TerminalLogWriter {
  /** Output and sizes waiting for the next write, in order. */
  private pending: Array<string | TerminalSize> = [];
  private pendingChars = 0;
  private bytes: number;
  private mustCompact: boolean;
  private timer: TimerHandle | null = null;
  /** The write under way, if any; flushes wait for it and then write what came since. */
  private writing: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: TerminalLogWriterOptions) {
    this.bytes = options.bytes;
    this.mustCompact = options.damaged || options.bytes > TerminalLogLimits.MaxBytes;
  }

  get file(): string {
    return this.options.file;
  }

  output(data: string): void {
    if (this.closed || data === '') return;
    // Past the bound a compaction is due anyway, and the mirror has this output: no need to keep it.
    if (this.pendingChars + data.length > TerminalLogLimits.MaxBytes) {
      this.dropPending();
      this.mustCompact = true;
    } else {
      // Consecutive output is joined into one record when written.
      this.pending.push(data);
      this.pendingChars += data.length;
    }
    this.schedule();
  }

  size(size: TerminalSize): void {
    if (this.closed) return;
    this.pending.push({ cols: size.cols, rows: size.rows });
    this.schedule();
  }

  /** Writes everything recorded so far; resolves once it is in the file. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.closed || (this.pending.length === 0 && !this.mustCompact)) return;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    this.writing = this.write().finally(() => (this.writing = null));
    await this.writing;
  }

  /**
   * The terminal is going away now (another repository was opened): what is pending is appended
   * when it fits; a compaction under way is abandoned, losing at most the last FLUSH_MS of output.
   */
  closeSync(): void {
    if (this.closed) return;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    if (!this.writing && !this.mustCompact) {
      const text = this.takePending();
      if (text && this.bytes + Buffer.byteLength(text) <= TerminalLogLimits.MaxBytes) this.append(text);
    }
    this.closed = true;
  }

  private schedule(): void {
    this.timer ??= this.options.clock.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, TerminalLogLimits.FlushMs);
  }

  private async write(): Promise<void> {
    if (!this.mustCompact) {
      const text = this.takePending();
      const size = Buffer.byteLength(text);
      if (this.bytes + size <= TerminalLogLimits.MaxBytes) {
        this.append(text);
        return;
      }
      this.mustCompact = true;
    }
    await this.compact();
  }

  /** Rewrites the file as the mirror's screen; output recorded meanwhile is appended later. */
  private async compact(): Promise<void> {
    // The snapshot covers everything recorded so far, so what is pending now is part of it.
    this.dropPending();
    this.mustCompact = false;
    const snapshot = await this.options.snapshot(TerminalLogLimits.CompactedScrollbackLines);
    if (this.closed) return;
    if (!snapshot) {
      this.mustCompact = true;
      return;
    }
    const text = encodeSize(snapshot) + encodeOutput(fitScreen(snapshot.data, TerminalLogLimits.CompactedMaxBytes));
    const temp = `${this.options.file}.tmp`;
    try {
      this.makeFolder();
      fs.writeFileSync(temp, text);
      fs.renameSync(temp, this.options.file);
      this.bytes = Buffer.byteLength(text);
    } catch (error) {
      this.failed(error);
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // A read-only disk keeps it; the next start's prune removes it.
      }
    }
    if (this.pending.length > 0) this.schedule();
  }

  private append(text: string): void {
    try {
      if (this.bytes === 0) this.makeFolder();
      fs.appendFileSync(this.options.file, text);
      this.bytes += Buffer.byteLength(text);
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * `terminals/` inside `.agents/`, which the registry made. Not recursively: a repository
   * deleted under a running Switchyard must not be brought back as an empty folder.
   */
  private makeFolder(): void {
    try {
      fs.mkdirSync(path.dirname(this.options.file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  private failed(error: unknown): void {
    // The file may now end in half a line, or miss output: the next write replaces it whole.
    this.mustCompact = true;
    this.options.onProblem(`${this.options.file}: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** The pending lines as one string, output joined into as few records as possible. */
  private takePending(): string {
    let text = '';
    let output = '';
    for (const item of this.pending) {
      if (typeof item === 'string') {
        output += item;
      } else {
        if (output) text += encodeOutput(output);
        output = '';
        text += encodeSize(item);
      }
    }
    if (output) text += encodeOutput(output);
    this.dropPending();
    return text;
  }

  private dropPending(): void {
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * The serialized screen cut to about `maxBytes` (JSON-encoded) by dropping its oldest scrollback
 * lines; styles reset where it starts, since the cut may fall inside a styled run.
 */
export function fitScreen(data: string, maxBytes: number): string {
  let kept = data;
  for (let encoded = encodedBytes(kept); encoded > maxBytes; encoded = encodedBytes(kept)) {
    // Encoding inflates unevenly (an escape grows six-fold): scale by the average, with a margin,
    // and cut again should the kept part inflate more than that.
    const keepChars = Math.floor((kept.length * maxBytes * 0.9) / encoded);
    const lineStart = kept.indexOf('\r\n', kept.length - keepChars);
    kept = `\x1b[0m${lineStart === -1 ? kept.slice(kept.length - keepChars) : kept.slice(lineStart + 2)}`;
  }
  return kept;
}

function encodedBytes(data: string): number {
  return Buffer.byteLength(encodeOutput(data));
}
