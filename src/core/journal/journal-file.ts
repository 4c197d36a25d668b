/**
 * `.agents/journal/versions.jsonl`: who wrote which version of which file, when, and why we think
 * so. Append-only; lines are written in order by one queue, and a torn last line (a crash
 * mid-write) is skipped on load rather than failing the whole journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JournalLineSchema, type JournalLine } from './journal-types';

export const JOURNAL_DIR = path.join('.agents', 'journal');
export const JOURNAL_FILE = 'versions.jsonl';
/**
 * Written once the content of every file changed at an opening is in the journal: from then on a
 * changed file the journal never saw was changed while Switchyard was not running.
 */
export const WATCHED_MARKER_FILE = 'watched.json';

export interface LoadedJournalFile {
  lines: JournalLine[];
  /** Lines that could not be read, with their line number, for the log. */
  skipped: number[];
}

export class JournalFile {
  readonly file: string;
  readonly markerFile: string;
  private writing: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | null = null;
  private queued: string[] = [];

  constructor(repo: string) {
    this.file = path.join(repo, JOURNAL_DIR, JOURNAL_FILE);
    this.markerFile = path.join(repo, JOURNAL_DIR, WATCHED_MARKER_FILE);
  }

  /** Whether a Switchyard that records openings watched this repository before. */
  watchedBefore(): boolean {
    return fs.existsSync(this.markerFile);
  }

  async markWatched(): Promise<void> {
    if (this.watchedBefore()) return;
    await fs.promises.mkdir(path.dirname(this.markerFile), { recursive: true });
    await fs.promises.writeFile(this.markerFile, `${JSON.stringify({ format: 1, since: new Date().toISOString() })}\n`, { mode: 0o600 });
  }

  load(): LoadedJournalFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skipped: [] };
      throw error;
    }
    const lines: JournalLine[] = [];
    const skipped: number[] = [];
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return;
      try {
        const parsed = JournalLineSchema.safeParse(JSON.parse(raw));
        if (parsed.success) lines.push(parsed.data);
        else skipped.push(index + 1);
      } catch {
        skipped.push(index + 1);
      }
    });
    return { lines, skipped };
  }

  /**
   * Appends in call order. Lines queued while a write is under way go out together in the next
   * one, so a burst of thousands of versions costs a few writes; the promise settles when this
   * line is on disk.
   */
  append(line: JournalLine): Promise<void> {
    this.queued.push(`${JSON.stringify(line)}\n`);
    if (!this.nextWrite) {
      this.nextWrite = this.writing.then(async () => {
        this.nextWrite = null;
        const text = this.queued.splice(0).join('');
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
        await fs.promises.appendFile(this.file, text, { mode: 0o600 });
      });
      // One failed write must not block every later one.
      this.writing = this.nextWrite.catch(() => undefined);
    }
    return this.nextWrite;
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}
