/**
 * `npm run bench`: runs every benchmark suite, prints one table, writes bench/results.json with
 * the machine, versions and date. Suites are never part of the pass/fail tests.
 * `npm run bench -- locks terminal` runs only the named suites.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable, type BenchFigure } from './bench-figure';

interface Suite {
  name: string;
  file: string;
  exportName: string;
}

const SUITES: Suite[] = [
  { name: 'locks', file: './locks-bench', exportName: 'runLocksBench' },
  { name: 'terminal', file: './terminal-bench', exportName: 'runTerminalBench' },
  { name: 'attribution', file: './attribution-bench', exportName: 'runAttributionBench' },
  { name: 'commit', file: './commit-bench', exportName: 'runCommitBench' },
  { name: 'scale', file: './scale-bench', exportName: 'runScaleBench' },
  { name: 'cli', file: './cli-bench', exportName: 'runCliBench' },
  { name: 'hook', file: './hook-bench', exportName: 'runHookBench' },
];

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0]!;
  } catch {
    return 'not found';
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const results: Record<string, BenchFigure[] | { skipped: string }> = {};
  const all: BenchFigure[] = [];
  for (const suite of SUITES) {
    if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
    const file = path.join(__dirname, `${suite.file.slice(2)}.ts`);
    if (!fs.existsSync(file)) {
      results[suite.name] = { skipped: 'not written yet' };
      console.log(`bench ${suite.name}: skipped (not written yet)`);
      continue;
    }
    console.log(`bench ${suite.name}: running…`);
    try {
      const mod = (await import(suite.file)) as Record<string, () => Promise<BenchFigure[]>>;
      const figures = await mod[suite.exportName]!();
      results[suite.name] = figures;
      all.push(...figures.map((f) => ({ ...f, name: `${suite.name}: ${f.name}` })));
    } catch (error) {
      results[suite.name] = { skipped: `failed: ${(error as Error).message}` };
      console.log(`bench ${suite.name}: FAILED: ${(error as Error).message}`);
    }
  }
  const report = {
    date: new Date().toISOString(),
    machine: { platform: process.platform, arch: process.arch, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    versions: {
      node: process.version,
      git: version('git', ['--version']),
      chromium: version('/usr/bin/chromium', ['--version']),
      codex: version(path.join(__dirname, '..', 'node_modules', '.bin', 'codex'), ['--version']),
    },
    results,
  };
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatTable(all)}\n\nWrote bench/results.json`);
}

void main();
