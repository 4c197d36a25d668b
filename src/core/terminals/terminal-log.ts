/**
 * The file format of an agent's saved terminal (`.agents/terminals/<agentId>.log`): one JSON
 * record per line, either output as the terminal received it or the size the output after it was
 * laid out for. Replaying the records into a fresh terminal gives back the screen. A compacted
 * log is a size record and one output record holding the serialized screen.
 *
 * Reading is forgiving: a line that does not parse (a crash cut the last one short, a disk
 * mangled one) is skipped and counted, and the rest is still shown.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { TerminalSize } from './terminal-mirror';

export type TerminalLogRecord = { kind: 'output'; data: string } | { kind: 'size'; size: TerminalSize };

const Dimension = z.number().int().min(1).max(10_000);
const LineSchema = z.union([
  z.object({ o: z.string() }).strict(),
  z.object({ s: z.tuple([Dimension, Dimension]) }).strict(),
]);

export function encodeOutput(data: string): string {
  return `${JSON.stringify({ o: data })}\n`;
}

export function encodeSize(size: TerminalSize): string {
  return `${JSON.stringify({ s: [size.cols, size.rows] })}\n`;
}

export interface ReadTerminalLog {
  /** The records that could be read, in order. */
  records: TerminalLogRecord[];
  /** Bytes the file holds now (appends continue after them). */
  bytes: number;
  /** False when there is no file: the agent has no saved terminal. */
  found: boolean;
  /** What could not be read, for the user; null when the whole file was read. */
  problem: string | null;
}

/**
 * Reads a saved terminal. Only its last `maxBytes` are read: a file grown past its bound (by
 * hand, or by a bug) costs no more than a bounded one, and its cut first line is just skipped.
 */
export function readTerminalLog(file: string, maxBytes: number): ReadTerminalLog {
  let text: string;
  let bytes: number;
  let cut: boolean;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      bytes = fs.fstatSync(fd).size;
      const length = Math.min(bytes, maxBytes);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, bytes - length);
      cut = length < bytes;
      text = buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { records: [], bytes: 0, found: false, problem: null };
    return { records: [], bytes: 0, found: true, problem: `could not read it (${code ?? String(error)})` };
  }
  const lines = text.split('\n');
  // What follows the last newline is a record cut short, or nothing.
  const tail = lines.pop() ?? '';
  if (cut) lines.shift();
  const records: TerminalLogRecord[] = [];
  let unreadable = 0;
  for (const line of lines) {
    const record = parseLine(line);
    if (record) records.push(record);
    else unreadable += 1;
  }
  const problems: string[] = [];
  if (cut) problems.push(`only its last ${maxBytes} bytes were read`);
  if (unreadable > 0) problems.push(`${unreadable} unreadable record(s) skipped`);
  if (tail !== '') problems.push('its last record was cut short');
  return { records, bytes, found: true, problem: problems.length > 0 ? problems.join('; ') : null };
}

function parseLine(line: string): TerminalLogRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = LineSchema.safeParse(json);
  if (!parsed.success) return null;
  const value = parsed.data;
  return 'o' in value ? { kind: 'output', data: value.o } : { kind: 'size', size: { cols: value.s[0], rows: value.s[1] } };
}
