/** Counts the fault suite prints at the end: runs, faults injected, inputs tried, failures. */
export interface FaultCounts {
  runs: number;
  faultsInjected: number;
  inputsTried: number;
  failures: number;
}

export const faultCounts: FaultCounts = { runs: 0, faultsInjected: 0, inputsTried: 0, failures: 0 };

/** How many times the kill -9 loop runs: `npm run test:faults` sets 100; `npm test` uses a short form. */
export const FAULT_RUNS = Number(process.env.SWITCHYARD_FAULT_RUNS ?? 8);

export function printCounts(suite: string): void {
  const c = faultCounts;
  console.log(`FAULTS ${suite}: runs=${c.runs} faults-injected=${c.faultsInjected} inputs-tried=${c.inputsTried} failures=${c.failures}`);
}
