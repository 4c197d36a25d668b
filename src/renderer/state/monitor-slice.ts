import type { MonitorSnapshot } from '../../shared/monitor';
import type { SliceCreator } from './slice-creator';

/** The Monitor panel: whether it is open, and the last snapshot (or why there is none). */
export interface MonitorSlice {
  monitorOpen: boolean;
  monitorSnapshot: MonitorSnapshot | null;
  /** Why the last refresh failed; cleared by the next snapshot. */
  monitorError: string | null;
  toggleMonitor(): void;
  setMonitorSnapshot(snapshot: MonitorSnapshot): void;
  setMonitorError(message: string): void;
}

export const createMonitorSlice: SliceCreator<MonitorSlice> = (set) => ({
  monitorOpen: false,
  monitorSnapshot: null,
  monitorError: null,
  toggleMonitor: () => set((state) => ({ monitorOpen: !state.monitorOpen })),
  setMonitorSnapshot: (monitorSnapshot) => set({ monitorSnapshot, monitorError: null }),
  setMonitorError: (monitorError) => set({ monitorError }),
});
