/**
 * How fast the `switchyard` command starts: the built CLI (`bin/switchyard.js`) run as a user or
 * an agent runs it, against a bare `node -e 0` as the baseline (Node's own start-up, the floor of
 * any Node command). Each run of the command is paired with a run of the baseline right after it,
 * so the machine's drift falls on both.
 *
 * Figures: `status --json` round trip with a `switchyard serve` idle on a temporary repository,
 * `status --json` with no Switchyard running (the refusal path), `locks --json` and `--help`; wall
 * time per run (median), and CPU per run (user + system of the finished child, from the
 * children's times in /proc/self/stat on Linux; averaged over the runs since the kernel counts them
 * in clock ticks).
 *
 * Run directly: `npx tsx bench/cli-bench.ts`. Needs a build (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliEnv, startServe, APP_ROOT } from '../test/harness/serve-process';
import { makeTempRepo } from '../test/harness/temp-repo';
import { formatTable, summarize, type BenchFigure } from './bench-figure';

/** Twenty pairs give a median one slow run cannot move, in about ten seconds per figure. */
const RUNS = 20;
/** Runs that load the files into the page cache and are not counted. */
const WARMUP = 2;
const BIN = path.join(APP_ROOT, 'bin', 'switchyard.js');
/** Linux's USER_HZ, the unit of the times in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_S = 100;

/** CPU seconds of this process's waited-for children so far (cutime + cstime); null off Linux. */
function childrenCpuS(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime); the list starts at field 3.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

interface Timing {
  wallMs: number[];
  /** Mean CPU ms per run, or null where it cannot be read. */
  cpuMsPerRun: number | null;
}

/** Runs `node <args>` the given number of times in turn with `node -e 0`, timing both. */
function timePaired(args: string[], env: NodeJS.ProcessEnv): { command: Timing; baseline: Timing } {
  const runOnce = (argv: string[]): { wallMs: number; cpuS: number | null } => {
    const cpuBefore = childrenCpuS();
    const start = performance.now();
    const result = spawnSync(process.execPath, argv, { env, cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const wallMs = performance.now() - start;
    if (result.error) throw result.error;
    const cpuAfter = childrenCpuS();
    return { wallMs, cpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  };
  for (let i = 0; i < WARMUP; i++) {
    runOnce(args);
    runOnce(['-e', '0']);
  }
  const command = { wall: [] as number[], cpu: 0, cpuKnown: true };
  const baseline = { wall: [] as number[], cpu: 0, cpuKnown: true };
  for (let i = 0; i < RUNS; i++) {
    for (const [side, argv] of [[command, args], [baseline, ['-e', '0']]] as const) {
      const run = runOnce([...argv]);
      side.wall.push(run.wallMs);
      if (run.cpuS === null) side.cpuKnown = false;
      else side.cpu += run.cpuS;
    }
  }
  const timing = (side: typeof command): Timing => ({
    wallMs: side.wall,
    cpuMsPerRun: side.cpuKnown ? (side.cpu * 1000) / RUNS : null,
  });
  return { command: timing(command), baseline: timing(baseline) };
}

function figuresOf(name: string, timed: { command: Timing; baseline: Timing }): BenchFigure[] {
  const figures = [summarize(`${name} wall`, 'ms', timed.command.wallMs, { name: 'node -e 0', samples: timed.baseline.wallMs })];
  const cpu = timed.command.cpuMsPerRun;
  const baseCpu = timed.baseline.cpuMsPerRun;
  if (cpu !== null && baseCpu !== null) {
    // A mean over the runs: the kernel counts children's CPU in 10 ms ticks, too coarse per run.
    figures.push({
      name: `${name} CPU (mean)`,
      unit: 'ms',
      median: cpu,
      spread: 0,
      baseline: { name: 'node -e 0', median: baseCpu },
      ratio: baseCpu === 0 ? Number.NaN : cpu / baseCpu,
    });
  }
  return figures;
}

export async function runCliBench(): Promise<BenchFigure[]> {
  if (!fs.existsSync(path.join(APP_ROOT, 'out', 'main', 'cli.js'))) throw new Error('needs a build: run `npm run build` first');
  const repo = makeTempRepo();
  const env = cliEnv();
  const noServeEnv = cliEnv();
  const serve = await startServe(repo.dir, env);
  const figures: BenchFigure[] = [];
  try {
    figures.push(...figuresOf('status --json, serve idle', timePaired([BIN, 'status', '--json', '--repo', repo.dir], env)));
    figures.push(...figuresOf('locks --json, serve idle', timePaired([BIN, 'locks', '--json', '--repo', repo.dir], env)));
    figures.push(...figuresOf('status --json, no Switchyard', timePaired([BIN, 'status', '--json', '--repo', repo.dir], noServeEnv)));
    figures.push(...figuresOf('--help', timePaired([BIN, '--help'], env)));
  } finally {
    await serve.stop();
    repo.remove();
    for (const e of [env, noServeEnv]) fs.rmSync(e.SWITCHYARD_RUNTIME_DIR!, { recursive: true, force: true });
  }
  return figures;
}

if (require.main === module) {
  void runCliBench().then((figures) => {
    console.log(`${os.cpus().length} cores, ${RUNS} runs each\n${formatTable(figures)}`);
  });
}
