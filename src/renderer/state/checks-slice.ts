import type { CheckResult } from '../../shared/checks';
import type { SliceCreator } from './slice-creator';

export interface ChecksSlice {
  /** Each agent's last check (running or ended), by agent id. */
  checks: Readonly<Record<string, CheckResult>>;
  setChecks(checks: readonly CheckResult[]): void;
  upsertCheck(check: CheckResult): void;
}

export const createChecksSlice: SliceCreator<ChecksSlice> = (set) => ({
  checks: {},
  setChecks: (checks) => set({ checks: Object.fromEntries(checks.map((c) => [c.agentId, c])) }),
  upsertCheck: (check) => set((state) => ({ checks: { ...state.checks, [check.agentId]: check } })),
});
