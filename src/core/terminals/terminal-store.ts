/**
 * Where a repository's agents' terminals are saved: `.agents/terminals/<agentId>.log`, one file
 * per agent (format in terminal-log.ts, kept up to date by terminal-log-writer.ts). Files of
 * agents the registry no longer holds are removed when the repository is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AgentIdSchema } from '../../shared/domain';
import type { Clock } from '../lifecycle/clock';
import { readTerminalLog, type ReadTerminalLog } from './terminal-log';
import { TerminalLogLimits, TerminalLogWriter } from './terminal-log-writer';
import type { TerminalSnapshot } from './terminal-mirror';

export const TERMINALS_DIR = 'terminals';
const LOG_SUFFIX = '.log';

/** What an agent's saved terminal held when it was read, for the terminal to show and append to. */
export type SavedTerminal = ReadTerminalLog;

export const NOTHING_SAVED: SavedTerminal = { records: [], bytes: 0, found: false, problem: null };

export class TerminalStore {
  readonly dir: string;

  constructor(
    agentsDir: string,
    private readonly clock: Clock,
    private readonly onProblem: (message: string) => void,
  ) {
    this.dir = path.join(agentsDir, TERMINALS_DIR);
  }

  /** Whether `agentId` can name a file here (registry ids always can; anything else is refused). */
  accepts(agentId: string): boolean {
    return AgentIdSchema.safeParse(agentId).success;
  }

  fileOf(agentId: string): string {
    return path.join(this.dir, `${agentId}${LOG_SUFFIX}`);
  }

  /** The agent's saved terminal, as much of it as can be read. */
  read(agentId: string): SavedTerminal {
    // Twice the bound: a log is never meant to be larger, but one that is costs no more than this.
    return readTerminalLog(this.fileOf(agentId), 2 * TerminalLogLimits.MaxBytes);
  }

  /** Starts the agent's file afresh (a new agent: whatever an old file of that name held is not its own). */
  clear(agentId: string): void {
    this.remove(this.fileOf(agentId));
  }

  /** Keeps the agent's file up to date from now on, after what `saved` read from it. */
  writer(agentId: string, saved: SavedTerminal, snapshot: (scrollbackLines: number) => Promise<TerminalSnapshot | null>): TerminalLogWriter {
    return new TerminalLogWriter({
      file: this.fileOf(agentId),
      bytes: saved.bytes,
      damaged: saved.problem !== null,
      snapshot,
      clock: this.clock,
      onProblem: this.onProblem,
    });
  }

  /** Removes the files of agents not in `keep`, and what an interrupted compaction left. */
  prune(keep: ReadonlySet<string>): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const agentId = name.endsWith(LOG_SUFFIX) ? name.slice(0, -LOG_SUFFIX.length) : null;
      if (agentId !== null && keep.has(agentId)) continue;
      if (agentId !== null || name.endsWith(`${LOG_SUFFIX}.tmp`)) this.remove(path.join(this.dir, name));
    }
  }

  private remove(file: string): void {
    try {
      fs.rmSync(file, { force: true });
    } catch (error) {
      this.onProblem(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
