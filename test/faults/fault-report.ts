/**
 * Counts the fault suite prints at the end: runs, faults injected, inputs tried, failures.
 * Each test file counts in its own module (vitest isolates files); `printCounts` prints the
 * file's line and appends it to the project's counts file, which the faults project's global
 * teardown (fault-counts-setup.ts) sums into one table.
 */
import fs from 'node:fs';
import { afterEach, inject } from 'vitest';

export interface FaultCounts {
  runs: number;
  faultsInjected: number;
  inputsTried: number;
  failures: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** JSON lines of { suite, ...FaultCounts }, one per fault test file. */
    faultCountsFile: string;
  }
}

export const faultCounts: FaultCounts = { runs: 0, faultsInjected: 0, inputsTried: 0, failures: 0 };

// Every failed test of a fault file counts as a failure in the table, on top of what the file
// counts itself (bad answers in the fuzz), so the table never shows 0 failures for a red run.
afterEach((context) => {
  if (context.task.result?.state === 'fail') faultCounts.failures++;
});

/** How many times the kill -9 loop runs: `npm run test:faults` sets 100; `npm test` uses a short form. */
export const FAULT_RUNS = Number(process.env.SWITCHYARD_FAULT_RUNS ?? 8);

export function printCounts(suite: string): void {
  const c = faultCounts;
  console.log(`FAULTS ${suite}: runs=${c.runs} faults-injected=${c.faultsInjected} inputs-tried=${c.inputsTried} failures=${c.failures}`);
  let file: string | undefined;
  try {
    file = inject('faultCountsFile');
  } catch {
    file = undefined; // Outside the faults project (no global setup): the line above is the report.
  }
  if (file) fs.appendFileSync(file, `${JSON.stringify({ suite, ...c })}\n`);
}
