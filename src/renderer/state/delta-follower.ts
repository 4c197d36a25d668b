/**
 * Keeps a store in step with numbered deltas (`locks.changed`, `agents.changed`) on top of a
 * full state fetched by a list command that says which revision it includes. A delta can arrive
 * before the answer of a list that was taken before it, so recent deltas are kept and replayed
 * over each list; a gap in the numbering (a missed delta) fetches the list again.
 */

/** More deltas than this between asking for a list and its answer: the list is asked for again. */
export const RECENT_DELTAS_KEPT = 256;

export interface DeltaFollower<D extends { revision: number }> {
  /** A delta arrived. */
  delta(delta: D): void;
  /** A list arrived (the caller has put it in the store); deltas after its revision are applied on top. */
  listed(revision: number): void;
  /** The source may have restarted (a reconnect): forget revisions until the next list. */
  reset(): void;
}

export function createDeltaFollower<D extends { revision: number }>(options: {
  /** Applies one delta to the store. */
  apply(delta: D): void;
  /** Asks for the full state; its answer is put in the store and then `listed()` is called. */
  refetch(): void;
}): DeltaFollower<D> {
  /** The revision of the store's state; null while a list is awaited. */
  let revision: number | null = null;
  let recent: D[] = [];
  const applyFrom = (from: number): number => {
    let at = from;
    for (const delta of recent) {
      if (delta.revision <= at) continue;
      if (delta.revision !== at + 1) break;
      options.apply(delta);
      at = delta.revision;
    }
    return at;
  };
  return {
    delta(delta) {
      recent.push(delta);
      if (recent.length > RECENT_DELTAS_KEPT) recent = recent.slice(-RECENT_DELTAS_KEPT);
      if (revision === null || delta.revision <= revision) return;
      if (delta.revision === revision + 1) {
        options.apply(delta);
        revision = delta.revision;
        return;
      }
      revision = null;
      options.refetch();
    },
    listed(listedRevision) {
      revision = applyFrom(listedRevision);
      // Deltas beyond a gap cannot be applied to this list: they are newer than it, so ask again.
      if (recent.some((d) => d.revision > (revision ?? 0) + 1)) {
        revision = null;
        options.refetch();
      }
    },
    reset() {
      revision = null;
      recent = [];
    },
  };
}
