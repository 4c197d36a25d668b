/**
 * Attribution benchmark on a 100,000-file repository: how long from an agent's write until the
 * change tracker delivers it attributed to that agent (p50 and p95, eight agents writing at
 * once), what watching the tree costs (start-up, idle CPU, memory), each against one
 * `git status --porcelain` on the same repository, which is what a poller would pay per look.
 *
 *   npx tsx bench/attribution-bench.ts
 *
 * Agents are simulated the way the orchestrator will feed the tracker: a PreToolUse hook event
 * naming the file (`echo … > path`), the write, then PostToolUse.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ChangeTracker } from '../src/core/changes/change-tracker';
import type { TrackedChange } from '../src/core/changes/change-types';
import { formatTable, medianOf, percentile, summarize, type BenchFigure } from './bench-figure';

export type { BenchFigure };

const Bench = {
  /** The scale. */
  Files: 100_000,
  /** 1,000 folders of 100 files: a plausible shape, and chokidar watches each folder. */
  FilesPerFolder: 100,
  Writers: 8,
  WritesPerWriter: 25,
  /** Rounds for a median and a spread, few enough to keep the run near two minutes. */
  Rounds: 3,
  /** Pause between one writer's writes, like an agent's think time between tool calls. */
  WriterPauseMs: 30,
  /** A write not attributed within this long counts as lost (and fails the bench). */
  WriteTimeoutMs: 15_000,
  GitStatusRuns: 5,
  IdleSampleMs: 5_000,
  /** Left for the tracker's start-up work in the background (reading the index) before idling is measured. */
  SettleMs: 3_000,
} as const;

const MB = 1024 * 1024;

/** A full garbage collection, so heap figures count what is kept, not what awaits collection. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * MB, stdio: ['ignore', 'pipe', 'pipe'] });
}

function makeLargeRepo(): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-bench-attr-')));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Bench');
  git(repo, 'config', 'user.email', 'bench@switchyard.invalid');
  for (let folder = 0; folder < Bench.Files / Bench.FilesPerFolder; folder++) {
    const dir = path.join(repo, 'src', `m${Math.floor(folder / 100)}`, `f${folder}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let file = 0; file < Bench.FilesPerFolder; file++) fs.writeFileSync(path.join(dir, `file${file}.ts`), `export const v${file} = ${folder};\n`);
  }
  git(repo, '-c', 'core.fsync=none', 'add', '-A');
  git(repo, '-c', 'core.fsync=none', 'commit', '-q', '-m', 'a large repository');
  return repo;
}

function timeGitStatus(repo: string): number[] {
  const samples: number[] = [];
  for (let i = 0; i < Bench.GitStatusRuns; i++) {
    const start = performance.now();
    git(repo, '--no-optional-locks', 'status', '--porcelain');
    samples.push(performance.now() - start);
  }
  return samples;
}

const randomFile = (): string => {
  const folder = Math.floor(Math.random() * (Bench.Files / Bench.FilesPerFolder));
  return `src/m${Math.floor(folder / 100)}/f${folder}/file${Math.floor(Math.random() * Bench.FilesPerFolder)}.ts`;
};

/** One round: every writer writes its files one after the other; returns each write's latency in ms. */
async function writeRound(repo: string, tracker: ChangeTracker, round: number): Promise<number[]> {
  const waiting = new Map<string, (change: TrackedChange) => void>();
  const unsubscribe = tracker.onChange((change) => waiting.get(`${change.path}\0${change.agentId}`)?.(change));
  const writer = async (w: number): Promise<number[]> => {
    const agentId = `writer-${w}`;
    const latencies: number[] = [];
    for (let i = 0; i < Bench.WritesPerWriter; i++) {
      // A fresh file half of the time, an existing one otherwise.
      const file = i % 2 === 0 ? `bench/r${round}/w${w}/new${i}.ts` : randomFile();
      const callId = `call-${round}-${w}-${i}`;
      const command = `echo change > ${file}`;
      tracker.noteHookEvent(agentId, 'PreToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo });
      const attributed = new Promise<TrackedChange>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file} was not attributed to ${agentId} within ${Bench.WriteTimeoutMs} ms`)), Bench.WriteTimeoutMs);
        waiting.set(`${file}\0${agentId}`, (change) => {
          clearTimeout(timer);
          resolve(change);
        });
      });
      const start = Date.now();
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), `export const changed = ${round * 1000 + i}; // ${agentId}\n`);
      const change = await attributed;
      latencies.push(Date.now() - start);
      waiting.delete(`${file}\0${agentId}`);
      if (change.attribution !== 'exact') throw new Error(`${file}: expected an exact attribution, got ${change.attribution}`);
      tracker.noteHookEvent(agentId, 'PostToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo });
      await new Promise((r) => setTimeout(r, Bench.WriterPauseMs));
    }
    return latencies;
  };
  try {
    return (await Promise.all(Array.from({ length: Bench.Writers }, (_, w) => writer(w)))).flat();
  } finally {
    unsubscribe();
  }
}

export async function runAttributionBench(): Promise<BenchFigure[]> {
  const generationStart = performance.now();
  const repo = makeLargeRepo();
  console.log(`  generated ${Bench.Files} files in ${((performance.now() - generationStart) / 1000).toFixed(1)} s`);
  const problems: string[] = [];
  const tracker = new ChangeTracker({ repo, onProblem: (m) => problems.push(m) });
  try {
    const gitStatus = timeGitStatus(repo);
    const baseline = { name: 'git status --porcelain', samples: gitStatus };
    collectGarbage();
    const before = process.memoryUsage();
    const startedAt = performance.now();
    await tracker.start();
    const startMs = performance.now() - startedAt;
    console.log(`  watching after ${(startMs / 1000).toFixed(1)} s`);

    await new Promise((r) => setTimeout(r, Bench.SettleMs));
    const idleCpuStart = process.cpuUsage();
    await new Promise((r) => setTimeout(r, Bench.IdleSampleMs));
    const idleCpu = process.cpuUsage(idleCpuStart);
    collectGarbage();
    const watching = process.memoryUsage();
    const idleCpuMsPerSecond = (idleCpu.user + idleCpu.system) / 1000 / (Bench.IdleSampleMs / 1000);

    const p50s: number[] = [];
    const p95s: number[] = [];
    for (let round = 0; round < Bench.Rounds; round++) {
      const latencies = await writeRound(repo, tracker, round);
      p50s.push(percentile(latencies, 50));
      p95s.push(percentile(latencies, 95));
      console.log(`  round ${round + 1}: ${latencies.length} writes, p50 ${p50s.at(-1)} ms, p95 ${p95s.at(-1)} ms`);
    }
    if (problems.length > 0) console.log(`  problems reported: ${problems.join('; ')}`);
    return [
      summarize(`write→attributed p50 (${Bench.Writers} writers)`, 'ms', p50s, baseline),
      summarize(`write→attributed p95 (${Bench.Writers} writers)`, 'ms', p95s, baseline),
      summarize(`watcher start (${Bench.Files.toLocaleString('en')} files)`, 'ms', [startMs], baseline),
      // One git status per second is what a 1 s poller would spend; its wall time is mostly CPU.
      summarize('tracker idle CPU', 'ms/s', [idleCpuMsPerSecond], { name: 'git status polled each second', samples: [medianOf(gitStatus)] }),
      summarize('tracker heap kept (after GC)', 'MB', [(watching.heapUsed - before.heapUsed) / MB]),
      // RSS keeps what the start-up walk's peak took from the OS, even after the heap shrank.
      summarize('tracker RSS growth', 'MB', [(watching.rss - before.rss) / MB]),
    ];
  } finally {
    await tracker.dispose();
    // git may still be writing into .git (a pin) as the tracker closes: retry instead of ENOTEMPTY.
    fs.rmSync(repo, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

if (require.main === module) {
  runAttributionBench()
    .then((figures) => console.log(formatTable(figures)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
