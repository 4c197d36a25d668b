/**
 * An append-only file of JSON lines that survives kill -9 and power cuts: each batch of lines is
 * one write followed by fdatasync, so a crash leaves every acknowledged line and at most one torn
 * line at the end. Opening it drops a torn last line (and truncates it away, so the next append
 * does not follow garbage); a broken line before the end is corruption, kept as a backup.
 * The file stays open only while batches keep coming (see IDLE_CLOSE_MS): reopening it costs two
 * more trips to the thread pool per batch, but a file held open for good would keep its folder's
 * filesystem busy (it could not be remounted read-only) and hide that the folder was deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fsyncDirectory } from './durable-write';

const open = promisify(fs.open);
const fdatasync = promisify(fs.fdatasync);
const close = promisify(fs.close);

/** The journal is closed after this long without a batch. */
export const IDLE_CLOSE_MS = 250;

export interface DurableJournalOpened {
  journal: DurableJournal;
  /** The records of every complete line, in order. */
  records: unknown[];
  /** Set when lines before the end did not parse: what was kept and where the backup is. */
  problem: string | null;
}

export class DurableJournal {
  private fd: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  private constructor(readonly file: string) {}

  /** Reads the journal (creating it when missing) and opens it for appending. */
  static open(file: string): DurableJournalOpened {
    let text = '';
    let existed = true;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      existed = false;
    }
    const records: unknown[] = [];
    let kept = 0; // bytes of complete, parseable lines
    let problem: string | null = null;
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      if (end === -1) break; // a torn last line: the write it belonged to was never acknowledged
      const line = text.slice(start, end);
      try {
        records.push(JSON.parse(line));
      } catch (error) {
        const rest = text.slice(end + 1);
        if (rest.trim() !== '') {
          const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          fs.copyFileSync(file, backup);
          problem = `${file} has a broken line after ${records.length} good ones (${(error as Error).message}); the rest was left out and the whole file kept as ${backup}.`;
        }
        break;
      }
      start = end + 1;
      kept += Buffer.byteLength(line, 'utf8') + 1;
    }
    const fd = fs.openSync(file, 'a', 0o600);
    try {
      if (existed && kept < Buffer.byteLength(text, 'utf8')) {
        fs.ftruncateSync(fd, kept);
        fs.fsyncSync(fd);
      }
    } finally {
      fs.closeSync(fd);
    }
    if (!existed) fsyncDirectory(path.dirname(file));
    return { journal: new DurableJournal(file), records, problem };
  }

  /** Appends the lines (each one JSON value, no newlines inside) and waits until they are on disk. */
  async append(lines: readonly string[]): Promise<void> {
    const buffer = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    this.stopIdleTimer();
    try {
      // O_APPEND without O_CREAT: a journal deleted under Switchyard is an error to report.
      this.fd ??= await open(this.file, fs.constants.O_WRONLY | fs.constants.O_APPEND);
      // Writing into the page cache takes microseconds, so it is done here; the fdatasync, which
      // waits for the disk, goes to the thread pool. One trip instead of two: on a busy machine
      // each trip waits for the main thread to get a CPU again.
      let offset = 0;
      while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset, buffer.length - offset);
      await fdatasync(this.fd);
    } catch (error) {
      await this.close();
      throw error;
    }
    this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  /** Closes the file (it is opened again by the next append). */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await close(fd).catch(() => undefined);
  }

  /** For shutdown. */
  closeSync(): void {
    this.stopIdleTimer();
    const fd = this.fd;
    this.fd = null;
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed.
    }
  }

  /** Empties the journal once a snapshot holds everything in it (creating it if it was deleted). */
  truncate(): void {
    const fd = fs.openSync(this.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC, 0o600);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
