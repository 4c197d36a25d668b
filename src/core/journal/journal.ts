/**
 * Every version of every file Switchyard saw change, kept as git blobs (pinned under
 * refs/switchyard/journal so gc keeps them) with who, when and why in .agents/journal/. A file's
 * timeline can be listed, any two versions diffed, and any kept version written back to that one
 * path, which is how "undo agent B's overwrite of A's work" touches nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';
import { excludeAgentsFolder } from '../registry/git-exclude';
import { gitReadText } from '../git/git-runner';
import { readBlob, writeBlob } from './blob-store';
import { captureContent, sameContent } from './capture';
import { JournalFile } from './journal-file';
import { JournalPins } from './journal-pins';
import { contentOf, type AttributionLabel, type CapturedContent, type JournalEvidence, type JournalLine, type JournalVersion } from './journal-types';
import { PathHasher } from './path-hasher';
import { isPrivatePath, writablePathInRepo } from './repo-path';
import { formatVersionDiff } from './version-diff';

export interface JournalOptions {
  /** Told about failures that must not stop the caller (a pin batch that could not be written). */
  onProblem?: (message: string) => void;
  pinDelayMs?: number;
}

export interface RecordOptions {
  attribution?: AttributionLabel;
  /** Content captured earlier (the watcher hashed it as soon as it saw the change); read now when absent. */
  content?: CapturedContent;
  /** When the write can have happened (epoch ms), kept so a restart can rebuild the change as it was seen. */
  span?: { earliest: number; latest: number };
}

export class Journal {
  private readonly versions = new Map<string, JournalVersion[]>();
  private readonly file: JournalFile;
  private readonly pins: JournalPins;
  private readonly hasher: PathHasher;
  /** Records and restores run one at a time, so version numbers follow the order of the writes. */
  private serial: Promise<unknown> = Promise.resolve();
  private emptyBlob: string | null = null;
  private readonly report: (message: string) => void;
  /** The next version's place among every path's versions (file order, then record order). */
  private nextSequence = 1;
  /** Read at opening, before this run marks the repository as watched. */
  readonly watchedBefore: boolean;

  private constructor(
    readonly repo: string,
    options: JournalOptions,
  ) {
    const report = options.onProblem ?? (() => undefined);
    this.report = report;
    this.file = new JournalFile(repo);
    this.pins = new JournalPins(repo, (error) => report(`Could not pin journal versions: ${error.message}`), options.pinDelayMs);
    this.hasher = new PathHasher(repo);
    this.watchedBefore = this.file.watchedBefore();
    const { lines, skipped } = this.file.load();
    for (const line of lines) this.apply(line);
    if (skipped.length > 0) report(`Skipped unreadable journal lines ${skipped.join(', ')} in ${this.file.file}.`);
  }

  /** Opens (or starts) the journal of `repo`, keeping .agents/ out of git. */
  static open(repo: string, options: JournalOptions = {}): Journal {
    excludeAgentsFolder(repo);
    return new Journal(repo, options);
  }

  /** Reads the path's current content into the object store without recording a version. */
  async capture(relative: string): Promise<CapturedContent> {
    assertRepoRelative(relative);
    return captureContent(this.repo, this.hasher, relative);
  }

  /**
   * Records the path's content (given, or read now) as its next version. Content equal to the
   * latest version records nothing and returns that version: a version is a change.
   */
  async record(relative: string, agentId: string | null, evidence: JournalEvidence, options: RecordOptions = {}): Promise<JournalVersion> {
    assertRepoRelative(relative);
    return this.serialized(async () => {
      const content = options.content ?? (await captureContent(this.repo, this.hasher, relative));
      const latest = this.latest(relative);
      if (latest && sameContent(latest, content)) return latest;
      const line: JournalLine = {
        type: 'version',
        path: relative,
        version: (latest?.version ?? 0) + 1,
        at: new Date().toISOString(),
        ...content,
        agentId,
        attribution: options.attribution ?? (agentId ? 'exact' : 'unattributed'),
        evidence,
        ...(options.span ? { earliest: options.span.earliest, latest: options.span.latest } : {}),
      };
      const version = this.apply(line)!;
      if (content.blob) this.pins.pin(content.blob);
      this.append(line);
      return version;
    });
  }

  /** Settles (or corrects: the user's assignment) who wrote a recorded version. */
  attribute(
    relative: string,
    version: number,
    agentId: string | null,
    attribution: AttributionLabel,
    evidence: JournalEvidence,
  ): JournalVersion {
    this.version(relative, version);
    const line: JournalLine = { type: 'attribution', path: relative, version, at: new Date().toISOString(), agentId, attribution, evidence };
    const updated = this.apply(line)!;
    this.append(line);
    return updated;
  }

  /** Every version of the path, oldest first. */
  timeline(relative: string): JournalVersion[] {
    return (this.versions.get(relative) ?? []).map((v) => ({ ...v }));
  }

  latest(relative: string): JournalVersion | null {
    const list = this.versions.get(relative);
    return list && list.length > 0 ? { ...list[list.length - 1]! } : null;
  }

  paths(): string[] {
    return [...this.versions.keys()];
  }

  /** A unified diff from one version to another; a deleted version compares as an empty file. */
  async diff(relative: string, fromVersion: number, toVersion: number): Promise<string> {
    const from = this.version(relative, fromVersion);
    const to = this.version(relative, toVersion);
    const [a, b] = [await this.blobForDiff(from), await this.blobForDiff(to)];
    if (a === b) return '';
    const raw = await gitReadText(this.repo, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', a, b]);
    return formatVersionDiff(raw, relative, from, to);
  }

  /**
   * Writes version `version` back to the path (or deletes the file, for a deleted version) and
   * nothing else, then records the result as a new version. Refuses paths that lead outside the
   * working tree and versions whose bytes were not kept. `evidence` says why (a rollback names its agent).
   */
  async restore(relative: string, version: number, evidence: JournalEvidence = { rule: 'restore', fromVersion: version }): Promise<JournalVersion> {
    const absolute = writablePathInRepo(this.repo, relative);
    const target = this.version(relative, version);
    if (target.state === 'too-large' || target.state === 'unreadable') {
      throw new SwitchyardError('invalid-input', `Version ${version} of ${relative} was ${target.state}; its bytes were not kept.`);
    }
    return this.serialized(async () => {
      if (target.state === 'deleted') await removeFile(absolute, relative);
      else await writeFileAtomically(absolute, await readBlob(this.repo, target.blob!), target);
      const content = contentOf(target);
      const latest = this.latest(relative)!;
      if (sameContent(latest, content)) return latest;
      return this.recordOwnVersion(relative, content, latest.version + 1, evidence);
    });
  }

  /**
   * Writes `bytes` to the path (Switchyard's own write: a merge) and records them as a new version
   * by nobody (agentId null) with `evidence`, but only while the file still holds `expect.blob`:
   * a file that changed since the caller looked is refused, so no later work is lost.
   */
  async write(relative: string, bytes: Buffer, expect: JournalVersion, evidence: JournalEvidence): Promise<JournalVersion> {
    const absolute = writablePathInRepo(this.repo, relative);
    return this.serialized(async () => {
      const now = await captureContent(this.repo, this.hasher, relative);
      if (now.state !== expect.state || now.blob !== expect.blob) {
        throw new SwitchyardError(
          'invalid-input',
          `${relative} changed since version ${expect.version} (someone wrote it again); nothing was written. Look at the file again and retry.`,
        );
      }
      const blob = await writeBlob(this.repo, bytes);
      const content: CapturedContent = { state: 'kept', blob, mode: expect.mode ?? '100644', size: bytes.length };
      const latest = this.latest(relative);
      if (latest && sameContent(latest, content)) return latest;
      await writeFileAtomically(absolute, bytes, { ...expect, ...content });
      this.pins.pin(blob);
      return this.recordOwnVersion(relative, content, (latest?.version ?? 0) + 1, evidence);
    });
  }

  /** Records content Switchyard itself put in the file (a restore, a merge, a rollback): a version by nobody. */
  private recordOwnVersion(relative: string, content: CapturedContent, version: number, evidence: JournalEvidence): JournalVersion {
    const line: JournalLine = {
      type: 'version',
      path: relative,
      version,
      at: new Date().toISOString(),
      ...content,
      agentId: null,
      attribution: 'unattributed',
      evidence,
    };
    const recorded = this.apply(line)!;
    this.append(line);
    return recorded;
  }

  /** Every file changed at opening is in the journal now (see WATCHED_MARKER_FILE). */
  markWatched(): Promise<void> {
    return this.file.markWatched();
  }

  /** Pins every blob recorded so far under refs/switchyard/journal and waits for the index file. */
  async flush(): Promise<void> {
    await this.pins.flush();
    await this.file.flushed();
  }

  async close(): Promise<void> {
    await this.serial.catch(() => undefined);
    await this.flush();
    this.hasher.close();
  }

  /** Queued, not awaited: the version is in memory and its blob in the object store already; flush() waits for the file. */
  private append(line: JournalLine): void {
    this.file.append(line).catch((error: unknown) => this.report(`Could not write ${this.file.file}: ${(error as Error).message}`));
  }

  private version(relative: string, version: number): JournalVersion {
    const found = this.versions.get(relative)?.[version - 1];
    if (!found) throw new SwitchyardError('not-found', `The journal has no version ${version} of ${relative}.`);
    return found;
  }

  private async blobForDiff(version: JournalVersion): Promise<string> {
    if (version.state === 'kept') return version.blob!;
    if (version.state === 'deleted') return (this.emptyBlob ??= await writeBlob(this.repo, Buffer.alloc(0)));
    throw new SwitchyardError('invalid-input', `Version ${version.version} of ${version.path} was ${version.state}; there is nothing to diff.`);
  }

  private apply(line: JournalLine): JournalVersion | null {
    const list = this.versions.get(line.path) ?? [];
    this.versions.set(line.path, list);
    if (line.type === 'version') {
      // A line for a version we already hold (two writers raced) keeps the first.
      if (line.version !== list.length + 1) return list[line.version - 1] ?? null;
      const { type: _type, ...fields } = line;
      const version: JournalVersion = { ...fields, sequence: this.nextSequence++ };
      list.push(version);
      return { ...version };
    }
    const existing = list[line.version - 1];
    if (!existing) return null;
    Object.assign(existing, { agentId: line.agentId, attribution: line.attribution, evidence: line.evidence });
    return { ...existing };
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.serial.then(task, task);
    this.serial = run.catch(() => undefined);
    return run;
  }
}

function assertRepoRelative(relative: string): void {
  const normal = path.posix.normalize(relative);
  if (relative === '' || normal !== relative || relative.startsWith('/') || relative.split('/').includes('..') || isPrivatePath(relative)) {
    throw new SwitchyardError('invalid-input', `${JSON.stringify(relative)} is not a path inside the working tree.`);
  }
}

async function removeFile(absolute: string, relative: string): Promise<void> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.lstat(absolute);
  } catch {
    return;
  }
  if (stats.isDirectory()) throw new SwitchyardError('invalid-input', `${relative} is a folder now; not removing it.`);
  await fs.promises.rm(absolute, { force: true });
}

/** Writes next to the target and renames over it, so readers never see half a file, and a link at the path is replaced rather than followed. */
async function writeFileAtomically(absolute: string, content: Buffer, version: JournalVersion): Promise<void> {
  const folder = path.dirname(absolute);
  await fs.promises.mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(absolute)}.switchyard-restore-${process.pid}-${Date.now()}`);
  try {
    if (version.mode === '120000') await fs.promises.symlink(content.toString('utf8'), temporary);
    else {
      await fs.promises.writeFile(temporary, content);
      // Explicitly, because the umask would otherwise decide the bits.
      await fs.promises.chmod(temporary, version.mode === '100755' ? 0o755 : 0o644);
    }
    await fs.promises.rename(temporary, absolute);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}
