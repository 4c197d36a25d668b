import type { ClaimView, GateMode, WaiterView } from '../../shared/locks';
import type { SliceCreator } from './slice-creator';

/** The lock table as `locks.list` and `locks.changed` deliver it, and whether the Locks panel is shown. */
export interface LocksSlice {
  claims: ClaimView[];
  waiters: WaiterView[];
  /** The repository's write-gate mode; null until the first list arrives. */
  gateMode: GateMode | null;
  locksPanelOpen: boolean;
  setLocks(locks: { claims: ClaimView[]; waiting: WaiterView[]; mode: GateMode }): void;
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
  clearLocks: () => set({ claims: [], waiters: [], gateMode: null }),
  toggleLocksPanel: () => set((state) => ({ locksPanelOpen: !state.locksPanelOpen })),
});
