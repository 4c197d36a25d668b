/**
 * `.agents/metrics/<agent>.json`: one small file per agent, rewritten whole (write to a temporary
 * file, rename) at most every FLUSH_DELAY_MS for the agents that changed. No fsync: metrics are
 * not worth making an agent's hook wait on the disk, and a crash costs at most the last seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AgentRecordSchema, type AgentRecord } from './agent-record';

/** Coalesces a burst of status changes, tool calls and token counts into one write per agent. */
export const FLUSH_DELAY_MS = 2_000;
export const METRICS_DIR = 'metrics';
const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class MetricsFiles {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    /** The repository's `.agents` folder. */
    agentsDir: string,
    private readonly records: () => ReadonlyMap<string, AgentRecord>,
    private readonly onProblem: (message: string) => void,
    private readonly delayMs = FLUSH_DELAY_MS,
  ) {
    this.dir = path.join(agentsDir, METRICS_DIR);
  }

  readonly dir: string;

  /** Every readable record; a file that does not parse is skipped (and said). */
  load(): AgentRecord[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const records: AgentRecord[] = [];
    for (const name of names) {
      try {
        const parsed = AgentRecordSchema.safeParse(JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')));
        if (parsed.success && SAFE_ID.test(parsed.data.id)) records.push(parsed.data);
        else this.onProblem(`${name} is not a metrics record; skipped.`);
      } catch (error) {
        this.onProblem(`${name} could not be read: ${String(error)}`);
      }
    }
    return records;
  }

  markDirty(id: string): void {
    this.dirty.add(id);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes what changed; resolves once it is written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    if (ids.length === 0) return this.writing;
    // Serialized: two flushes never write one file at once. Each JSON is taken now, not when written.
    const snapshots = ids.flatMap((id) => {
      const record = this.records().get(id);
      return record && SAFE_ID.test(id) ? [{ id, json: JSON.stringify(record) }] : [];
    });
    this.writing = this.writing.then(() => this.write(snapshots));
    return this.writing;
  }

  private async write(snapshots: readonly { id: string; json: string }[]): Promise<void> {
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
      for (const { id, json } of snapshots) {
        const file = path.join(this.dir, `${id}.json`);
        await fs.promises.writeFile(`${file}.tmp`, json);
        await fs.promises.rename(`${file}.tmp`, file);
      }
    } catch (error) {
      this.onProblem(`Could not save metrics in ${this.dir}: ${String(error)}`);
    }
  }
}
