/**
 * Global setup of the faults project: a fresh counts file for the run, and at the end one table
 * of runs, faults injected, inputs tried and failures across every fault test file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { FaultCounts } from './fault-report';

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-fault-counts-'));
  const file = path.join(dir, 'counts.jsonl');
  fs.writeFileSync(file, '');
  project.provide('faultCountsFile', file);
  return () => {
    const rows = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FaultCounts & { suite: string });
    fs.rmSync(dir, { recursive: true, force: true });
    const total: FaultCounts & { suite: string } = { suite: 'TOTAL', runs: 0, faultsInjected: 0, inputsTried: 0, failures: 0 };
    for (const row of rows) {
      total.runs += row.runs;
      total.faultsInjected += row.faultsInjected;
      total.inputsTried += row.inputsTried;
      total.failures += row.failures;
    }
    const table = [...rows, total].map((r) => [r.suite, String(r.runs), String(r.faultsInjected), String(r.inputsTried), String(r.failures)]);
    const header = ['suite', 'runs', 'faults injected', 'inputs tried', 'failures'];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(['', 'FAULT SUITE COUNTS', line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n'));
  };
}
