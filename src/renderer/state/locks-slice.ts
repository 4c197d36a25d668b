import type { ClaimView, GateMode, LocksDelta, WaiterView } from '../../shared/locks';
import type { SliceCreator } from './slice-creator';

/** The lock table as `locks.list` gives it and `locks.changed` updates it, and whether the Locks panel is shown. */
export interface LocksSlice {
  claims: ClaimView[];
  waiters: WaiterView[];
  /** The repository's write-gate mode; null until the first list arrives. */
  gateMode: GateMode | null;
  locksPanelOpen: boolean;
  setLocks(locks: { claims: ClaimView[]; waiting: WaiterView[]; mode: GateMode }): void;
  /** Applies one `locks.changed` delta (the caller keeps them in revision order). */
  applyLocksDelta(delta: LocksDelta): void;
  /** Forgets the previous repository's claims (no repository is open). */
  clearLocks(): void;
  toggleLocksPanel(): void;
}

export const createLocksSlice: SliceCreator<LocksSlice> = (set) => ({
  claims: [],
  waiters: [],
  gateMode: null,
  locksPanelOpen: false,
  setLocks: ({ claims, waiting, mode }) => set({ claims, waiters: waiting, gateMode: mode }),
  applyLocksDelta: (delta) =>
    set((state) => ({
      claims: applyById(state.claims, delta.claims, (a, b) => a.token - b.token),
      // The core lists waiters in queue order: higher priority first, then arrival.
      waiters: applyById(state.waiters, delta.waiting, (a, b) => b.priority - a.priority || Date.parse(a.since) - Date.parse(b.since)),
      gateMode: delta.mode,
    })),
  clearLocks: () => set({ claims: [], waiters: [], gateMode: null }),
  toggleLocksPanel: () => set((state) => ({ locksPanelOpen: !state.locksPanelOpen })),
});

/**
 * The list with `changes` applied: removed ids dropped, set entries replaced in place or added,
 * and re-sorted only when an addition lands out of order (new claims usually come last).
 */
export function applyById<T extends { id: string }>(list: readonly T[], changes: { set: readonly T[]; removed: readonly string[] }, order: (a: T, b: T) => number): T[] {
  if (changes.set.length === 0 && changes.removed.length === 0) return list as T[];
  const removed = new Set(changes.removed);
  const set = new Map(changes.set.map((entry) => [entry.id, entry]));
  const next: T[] = [];
  for (const entry of list) {
    if (removed.has(entry.id)) continue;
    const replacement = set.get(entry.id);
    set.delete(entry.id);
    next.push(replacement ?? entry);
  }
  let sorted = true;
  for (const added of set.values()) {
    if (removed.has(added.id)) continue;
    if (next.length > 0 && order(next[next.length - 1]!, added) > 0) sorted = false;
    next.push(added);
  }
  return sorted ? next : next.sort(order);
}
