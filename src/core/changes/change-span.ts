/** When a change can have happened, from the file's mtime where that is trustworthy, else from when it was seen. */
import type { FileFingerprint } from './file-fingerprint';
import type { ObservedPath } from './worktree-watcher';

/**
 * An mtime up to this long before the first event is taken as the write time (the watcher can lag
 * under load); an older one was set on purpose (`cp -p`, `tar x`, `touch -d`) and says nothing.
 */
export const MTIME_TRUST_MS = 10_000;
/** How long after a write the watcher reports it, at most, when there is no mtime to go by (a deletion). */
export const WATCH_LATENCY_MS = 500;
/** The kernel's coarse mtime clock may run a few ms ahead of Date.now(). */
const CLOCK_SKEW_MS = 50;

export interface ChangeTimes {
  earliest: number;
  latest: number;
}

/** `lastKnownAt`: when the previous state of the path was last confirmed, if ever. */
export function changeSpan(observed: ObservedPath, fingerprint: FileFingerprint | null, lastKnownAt: number | null): ChangeTimes {
  const mtime = fingerprint?.mtimeMs ?? null;
  const notBefore = observed.source === 'event' ? observed.firstEventAt - MTIME_TRUST_MS : (lastKnownAt ?? Number.NEGATIVE_INFINITY);
  if (mtime !== null && mtime >= notBefore && mtime <= observed.lastEventAt + CLOCK_SKEW_MS) return { earliest: mtime, latest: mtime };
  if (observed.source === 'event') return { earliest: observed.firstEventAt - WATCH_LATENCY_MS, latest: observed.lastEventAt };
  // Found by a rescan: somewhere between when we last knew the old state and now.
  return { earliest: lastKnownAt ?? observed.firstEventAt, latest: observed.lastEventAt };
}
