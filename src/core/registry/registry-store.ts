/**
 * `.agents/orchestrator.json` (the registry, written durably) and `.agents/orchestrator.log`
 * (one JSON line per event). A corrupt or hand-broken registry is kept as a backup and replaced
 * by an empty one, with a message the app shows, so the app always starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { emptyRegistry, RegistrySchema, type Registry } from './registry-schema';
import { writeDurably, writeDurablySync } from './durable-write';
import { excludeAgentsFolder } from './git-exclude';

export const AGENTS_DIR = '.agents';

export interface LoadResult {
  registry: Registry;
  /** Set when the file could not be used: what happened and where the backup is. */
  problem: string | null;
}

export class RegistryStore {
  readonly dir: string;
  readonly file: string;
  readonly logFile: string;
  private writing: Promise<void> = Promise.resolve();
  private queued: Registry | null = null;

  constructor(
    readonly repo: string,
    /** Told when a save fails (full disk, read-only folder); later saves still run. */
    private readonly onSaveError: (error: Error) => void = () => {},
  ) {
    this.dir = path.join(repo, AGENTS_DIR);
    this.file = path.join(this.dir, 'orchestrator.json');
    this.logFile = path.join(this.dir, 'orchestrator.log');
  }

  /** Creates `.agents/` (excluded from git) and reads the registry. */
  load(): LoadResult {
    fs.mkdirSync(this.dir, { recursive: true });
    excludeAgentsFolder(this.repo);
    let raw: string;
    try {
      raw = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { registry: emptyRegistry(this.repo), problem: null };
      throw error;
    }
    let why: string;
    try {
      const parsed = RegistrySchema.safeParse(JSON.parse(raw));
      if (parsed.success) return { registry: { ...parsed.data, repo: this.repo }, problem: null };
      why = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
    } catch (error) {
      why = `not valid JSON (${(error as Error).message})`;
    }
    const backup = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(this.file, backup);
    return {
      registry: emptyRegistry(this.repo),
      problem: `${this.file} could not be read: ${why}. It was kept as ${backup}; Switchyard started with an empty registry.`,
    };
  }

  /** Saves the latest state; concurrent calls coalesce so only the newest state is written. */
  save(registry: Registry): Promise<void> {
    this.queued = registry;
    this.writing = this.writing
      .then(async () => {
        const next = this.queued;
        if (!next) return;
        this.queued = null;
        await writeDurably(this.file, JSON.stringify({ ...next, updatedAt: new Date().toISOString() }, null, 2));
      })
      .catch((error: unknown) => this.onSaveError(this.explain(error)));
    return this.writing;
  }

  /**
   * A save error in words: a repository deleted under Switchyard says so, not just ENOENT of a temp
   * file. A save can fail while the deletion is still under way (`.agents/` gone, the repository
   * folder not yet), so a missing `.agents/` is named too rather than the temp file.
   */
  private explain(error: unknown): Error {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (!fs.existsSync(this.repo)) {
      return new Error(`the repository folder ${this.repo} no longer exists, so nothing can be saved there (${cause.message})`);
    }
    if (!fs.existsSync(this.dir)) {
      return new Error(`the folder ${this.dir} was deleted while Switchyard was saving to it (${cause.message})`);
    }
    return cause;
  }

  /** For shutdown paths that cannot wait on a promise. */
  saveSync(registry: Registry): void {
    this.queued = null;
    writeDurablySync(this.file, JSON.stringify({ ...registry, updatedAt: new Date().toISOString() }, null, 2));
  }

  flushed(): Promise<void> {
    return this.writing;
  }

  log(event: string, fields: Record<string, unknown> = {}): void {
    // `event` and `at` come last so a field of the same name cannot overwrite them.
    const line = JSON.stringify({ ...fields, at: new Date().toISOString(), event });
    try {
      fs.appendFileSync(this.logFile, `${line}\n`);
    } catch {
      // The log is a record, not a dependency: a full disk must not stop the agents.
    }
  }
}
