/**
 * Turns "this path may have changed" into real changes: compares each path's on-disk fingerprint
 * with the last one seen, reads the content into the object store only when that differs, and
 * drops rewrites with the same bytes. What a path held before its first change comes from the
 * baseline (dirty at start) or the index (clean and tracked), or it did not exist.
 */
import path from 'node:path';
import { sameContent } from '../journal/capture';
import type { Journal } from '../journal/journal';
import { ABSENT, type CapturedContent } from '../journal/journal-types';
import { isPrivatePath } from '../journal/repo-path';
import { changeSpan } from './change-span';
import type { ChangeKind, ObservedChange } from './change-types';
import { fingerprintOf, sameFingerprint, type FileFingerprint } from './file-fingerprint';
import { IndexSnapshot } from './index-entries';
import { readStatusEntries } from './status-entries';
import type { ObservedPath } from './worktree-watcher';

/** Files read into the object store at once; the hasher pipelines them through one git process. */
const CAPTURE_CONCURRENCY = 16;

/** What Switchyard knows of a path: its content and on-disk fingerprint when last seen. */
export interface KnownFile {
  content: CapturedContent;
  fingerprint: FileFingerprint | null;
  seenAt: number | null;
  /** Where that knowledge came from; the journal records it as the base version. */
  source: 'baseline' | 'index' | 'absent' | 'seen';
}

export interface DetectedChange {
  change: ObservedChange;
  before: KnownFile;
  after: CapturedContent;
}

export class ChangeDetector {
  private readonly known = new Map<string, KnownFile>();
  private readonly gitIndex: IndexSnapshot;

  constructor(
    private readonly repo: string,
    private readonly journal: Journal,
    private readonly clock: () => number,
    /** When watching began: a change a rescan finds happened after it. */
    private readonly startedAt: number,
  ) {
    this.gitIndex = new IndexSnapshot(repo);
  }

  /** Reads the index in the background now rather than when the first change arrives. */
  warmUp(): void {
    void this.gitIndex.lookup([]).catch(() => undefined);
  }

  knownPaths(): Iterable<string> {
    return this.known.keys();
  }

  /** Everything already changed when watching began (`git status`), remembered as the baseline. */
  async baseline(): Promise<{ change: ObservedChange; content: CapturedContent }[]> {
    const now = this.clock();
    const entries = (await readStatusEntries(this.repo)).filter((e) => !isPrivatePath(e.path));
    return mapConcurrently(entries, CAPTURE_CONCURRENCY, async (entry) => {
      const fingerprint = await fingerprintOf(this.absolute(entry.path));
      const content = fingerprint ? await this.journal.capture(entry.path) : ABSENT;
      this.known.set(entry.path, { content, fingerprint, seenAt: now, source: 'baseline' });
      const at = fingerprint?.mtimeMs ?? now;
      return { change: { path: entry.path, kind: entry.kind, earliest: at, latest: at, observedAt: now }, content };
    });
  }

  /** The paths of `batch` whose content really changed, in batch order; remembers what each holds now. */
  async detect(batch: readonly ObservedPath[]): Promise<DetectedChange[]> {
    const unknown = batch.map((p) => p.path).filter((p) => !this.known.has(p));
    const fromIndex = unknown.length > 0 ? await this.gitIndex.lookup(unknown) : new Map<string, CapturedContent>();
    const inspected = await mapConcurrently(batch, CAPTURE_CONCURRENCY, async (observed) => {
      const before = this.known.get(observed.path) ?? unseen(fromIndex.get(observed.path));
      const fingerprint = await fingerprintOf(this.absolute(observed.path));
      if (sameFingerprint(fingerprint, before.fingerprint)) return null;
      const after = fingerprint ? await this.journal.capture(observed.path) : ABSENT;
      return { observed, before, fingerprint, after };
    });
    const detected: DetectedChange[] = [];
    const now = this.clock();
    for (const item of inspected) {
      if (!item) continue;
      const { observed, before, fingerprint, after } = item;
      const unchanged = sameContent(after, before.content);
      this.known.set(observed.path, { content: after, fingerprint, seenAt: now, source: unchanged ? before.source : 'seen' });
      // Touched, or rewritten with the same bytes: not a change.
      if (unchanged) continue;
      const lastKnownAt = observed.source === 'rescan' ? (before.seenAt ?? this.startedAt) : before.seenAt;
      const { earliest, latest } = changeSpan(observed, fingerprint, lastKnownAt);
      detected.push({ change: { path: observed.path, kind: kindOf(before.content, after), earliest, latest, observedAt: now }, before, after });
    }
    return detected;
  }

  /** Switchyard itself wrote `content` to the path (a restore): returns what was there before. */
  async noteWritten(relative: string, content: CapturedContent): Promise<KnownFile> {
    const before = this.known.get(relative) ?? unseen((await this.gitIndex.lookup([relative])).get(relative));
    this.known.set(relative, { content, fingerprint: await fingerprintOf(this.absolute(relative)), seenAt: this.clock(), source: 'seen' });
    return before;
  }

  private absolute(relative: string): string {
    return path.join(this.repo, ...relative.split('/'));
  }
}

const unseen = (indexed: CapturedContent | undefined): KnownFile => ({
  content: indexed ?? ABSENT,
  fingerprint: null,
  seenAt: null,
  source: indexed ? 'index' : 'absent',
});

export function kindOf(before: CapturedContent, after: CapturedContent): ChangeKind {
  if (before.state === 'deleted') return 'add';
  return after.state === 'deleted' ? 'delete' : 'modify';
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
