/**
 * Attribution at opening, from the journal (see docs/architecture.md, "A restart"): each changed
 * file's versions since it last matched HEAD are replayed with their verdicts; content that is
 * none of them changed while Switchyard was not running and is journaled as `offline`.
 */
import { ABSENT, type CapturedContent } from '../journal/journal-types';
import type { Journal } from '../journal/journal';
import type { AttributionIndex } from './attribution-index';
import type { ObservedChange, TrackedChange } from './change-types';
import { readHeadEntries } from './head-entries';
import { rebuildHistory } from './journal-history';

export interface RebuildContext {
  repo: string;
  journal: Journal;
  index: AttributionIndex;
  now: number;
  report(problem: string): void;
  deliver(changes: readonly TrackedChange[], options?: { journaled?: boolean }): void;
}

/**
 * What was already changed when watching began, as the journal remembers it: each file's
 * versions since HEAD with who wrote them (so a restart, a crash or reopening the repository
 * keeps attribution), and what changed while Switchyard was not running, marked so. Files the
 * journal never saw are the baseline, unless a Switchyard watched before (then they changed
 * while it was not running). Every such content is journaled, so the next opening can tell.
 */
export async function rebuildFromJournal(dirty: readonly { change: ObservedChange; content: CapturedContent }[], context: RebuildContext): Promise<void> {
  const { journal, index, now, report, deliver } = context;
  const heads = await readHeadEntries(
    context.repo,
    dirty.map((d) => d.change.path).filter((p) => journal.timeline(p).length > 0),
  ).catch((error: unknown) => {
    report(`Could not read HEAD to rebuild attribution: ${(error as Error).message}`);
    return new Map<string, CapturedContent>();
  });
  const histories = dirty.map(({ change, content }) => ({
    change,
    content,
    history: rebuildHistory(change.path, journal.timeline(change.path), heads.get(change.path) ?? ABSENT, content),
  }));
  // In the order they were recorded, which is the order the tracker listed them before it stopped.
  const rebuilt = histories.flatMap(({ history }) => history?.changes ?? []).sort((a, b) => (a.version.sequence ?? 0) - (b.version.sequence ?? 0));
  for (const { change, verdict, version } of rebuilt) {
    deliver([index.addSettled(change, verdict, { version: version.version, blob: version.blob }, { rebuilt: true })], { journaled: true });
  }
  for (const { change, content, history } of histories) {
    if (!history && !journal.watchedBefore) {
      const version = await journal.record(change.path, null, { rule: 'baseline' }, { attribution: 'unattributed', content });
      deliver([index.addBaseline(change, { version: version.version, blob: content.blob })], { journaled: true });
      continue;
    }
    if (history && !history.offline) {
      // The journal's last word is HEAD's content: only the index differs (the user staged something).
      if (history.changes.length === 0) deliver([index.addBaseline(change, { version: null, blob: content.blob })]);
      continue;
    }
    const afterVersion = history?.offline?.afterVersion ?? null;
    const evidence = { rule: 'offline', afterVersion } as const;
    const span = { earliest: history?.offline?.since ?? change.earliest, latest: Math.max(change.latest, history?.offline?.since ?? 0) };
    const version = await journal.record(change.path, null, evidence, { attribution: 'offline', content, span });
    const offline = index.addSettled(
      { ...change, kind: history?.offline?.kind ?? change.kind, ...span, observedAt: now },
      { attribution: 'offline', agentId: null, evidence },
      { version: version.version, blob: content.blob },
    );
    deliver([offline], { journaled: true });
  }
  await journal.markWatched().catch((error: unknown) => report(`Could not mark the journal as watched: ${(error as Error).message}`));
}
