/**
 * Lock-table throughput and latency with 10,000 claims held by 100 agents, in-process, against
 * proper-lockfile taking the same claims as lock files in a temp dir (the usual way to lock
 * files from Node), and against checking every claim in turn (what the index saves).
 *
 * Run directly: `npx tsx bench/locks-bench.ts`. `runLocksBench()` returns the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { controlRequest } from '../src/core/control/control-client';
import { startControlServer } from '../src/core/control/control-server';
import { Orchestrator } from '../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../src/core/router';
import { compileTarget } from '../src/core/locks/claim-target';
import { LockTable } from '../src/core/locks/lock-table';
import type { ClaimTarget, LockHolder } from '../src/core/locks/lock-types';
import { betterThan, formatTable, percentile, type BenchFigure } from './bench-figure';

const AGENTS = 100;
const CLAIMS_PER_AGENT = 100;
/** Each run measures this many checks, a mix of refused, own and unclaimed paths. */
const CHECKS = 10_000;
/** Checking every claim in turn is slow; fewer samples give the same median. */
const LINEAR_SCAN_CHECKS = 1_000;
/** Five runs give a median that one slow run (GC, a busy neighbour) cannot move. */
const RUNS = 5;
/** proper-lockfile touches the disk for every claim; three runs keep the bench under a minute. */
const LOCKFILE_RUNS = 3;

interface Workload {
  claims: Array<{ holder: LockHolder; target: ClaimTarget }>;
  checks: Array<{ agentId: string; path: string }>;
}

/** A small seeded generator, so every run and every machine measures the same workload. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function buildWorkload(): Workload {
  const random = mulberry32(42);
  const pick = (n: number) => Math.floor(random() * n);
  const claims: Workload['claims'] = [];
  const files: Array<{ agentId: string; path: string }> = [];
  for (let a = 0; a < AGENTS; a++) {
    const agentId = `agent-${a}`;
    const holder: LockHolder = { kind: 'agent', agentId };
    for (let c = 0; c < CLAIMS_PER_AGENT; c++) {
      // Mostly files, some directories and globs: what agents claim in practice.
      if (c < 96) {
        const file = `pkg${a}/src/mod${c % 8}/file${c}.ts`;
        claims.push({ holder, target: { kind: 'file', pattern: file } });
        files.push({ agentId, path: file });
      } else if (c < 98) {
        claims.push({ holder, target: { kind: 'directory', pattern: `pkg${a}/docs/part${c}` } });
      } else {
        claims.push({ holder, target: { kind: 'glob', pattern: `pkg${a}/gen/set${c}/**/*.ts` } });
      }
    }
  }
  // A few repository-wide globs (the user's), which every check has to test.
  for (const ext of ['pem', 'key', 'secret', 'p12']) claims.push({ holder: { kind: 'user' }, target: { kind: 'glob', pattern: `**/*.${ext}` } });
  claims.length = AGENTS * CLAIMS_PER_AGENT;

  const checks: Workload['checks'] = [];
  for (let i = 0; i < CHECKS; i++) {
    const roll = random();
    const held = files[pick(files.length)]!;
    if (roll < 0.5) checks.push({ agentId: `agent-${(Number(held.agentId.slice(6)) + 1) % AGENTS}`, path: held.path });
    else if (roll < 0.75) checks.push(held);
    else checks.push({ agentId: `agent-${pick(AGENTS)}`, path: `pkg${pick(AGENTS)}/src/mod${pick(8)}/new${pick(1000)}.ts` });
  }
  return { claims, checks };
}

const nowNs = (): bigint => process.hrtime.bigint();
const usSince = (start: bigint): number => Number(nowNs() - start) / 1_000;

interface RunResult {
  claimsPerSecond: number;
  claimP50: number;
  claimP99: number;
  checksPerSecond: number;
  checkP50: number;
  checkP99: number;
}

/** Times a loop as a whole (throughput) and op by op (latency, µs). */
function measure<T>(items: readonly T[], op: (item: T) => void): { perSecond: number; latencies: number[] } {
  const started = nowNs();
  for (const item of items) op(item);
  const perSecond = items.length / (usSince(started) / 1e6);
  const latencies: number[] = [];
  for (const item of items) {
    const t = nowNs();
    op(item);
    latencies.push(usSince(t));
  }
  return { perSecond, latencies };
}

function runLockTable(workload: Workload): RunResult {
  // Claiming twice on one table would only hit the "already held" path; time fresh tables.
  const fresh = () => new LockTable();
  let table = fresh();
  const claimStart = nowNs();
  for (const claim of workload.claims) table.claim(claim);
  const claimsPerSecond = workload.claims.length / (usSince(claimStart) / 1e6);
  table = fresh();
  const claimLatencies = workload.claims.map((claim) => {
    const t = nowNs();
    table.claim(claim);
    return usSince(t);
  });
  const checks = measure(workload.checks, ({ agentId, path: p }) => table.check(agentId, p));
  table.dispose();
  return {
    claimsPerSecond,
    claimP50: percentile(claimLatencies, 50),
    claimP99: percentile(claimLatencies, 99),
    checksPerSecond: checks.perSecond,
    checkP50: percentile(checks.latencies, 50),
    checkP99: percentile(checks.latencies, 99),
  };
}

/** The same questions asked of every claim in turn: what the trie index avoids. */
function runLinearScan(workload: Workload): number {
  const compiled = workload.claims.map((c) => ({ holder: c.holder, compiled: compileTarget(c.target, false) }));
  const sample = workload.checks.slice(0, LINEAR_SCAN_CHECKS);
  const { latencies } = measure(sample, ({ agentId, path: p }) => {
    for (const c of compiled) if (c.holder.kind === 'agent' && c.holder.agentId !== agentId && c.compiled.matches(p)) return;
  });
  return percentile(latencies, 50);
}

/** Throughput and percentiles from per-operation latencies (µs), for runs timed op by op. */
function resultOfLatencies(claimLatencies: number[], checkLatencies: number[]): RunResult {
  const perSecond = (latencies: number[]) => latencies.length / (latencies.reduce((a, b) => a + b, 0) / 1e6);
  return {
    claimsPerSecond: perSecond(claimLatencies),
    claimP50: percentile(claimLatencies, 50),
    claimP99: percentile(claimLatencies, 99),
    checksPerSecond: perSecond(checkLatencies),
    checkP50: percentile(checkLatencies, 50),
    checkP99: percentile(checkLatencies, 99),
  };
}

function runProperLockfile(workload: Workload): RunResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-bench-locks-'));
  // One flat lock directory per claim; proper-lockfile cannot express directories or globs, so
  // those are locked under their pattern's name (weaker than what the table enforces).
  const lockPath = (pattern: string) => path.join(dir, `${pattern.replace(/[/*]/g, '_')}.lock`);
  const options = (pattern: string) => ({ realpath: false, lockfilePath: lockPath(pattern) });
  try {
    // Disk operations take tens of µs, so timing each one costs nothing measurable: one pass
    // gives both throughput and latency, which keeps the bench short.
    const releases: Array<() => void> = [];
    const claimLatencies = workload.claims.map(({ target }) => {
      const t = nowNs();
      releases.push(lockfile.lockSync(target.pattern, options(target.pattern)));
      return usSince(t);
    });
    const checkLatencies = workload.checks.map(({ path: p }) => {
      const t = nowNs();
      lockfile.checkSync(p, options(p));
      return usSince(t);
    });
    for (const release of releases) release();
    return resultOfLatencies(claimLatencies, checkLatencies);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests over the control socket per run: each opens a connection, as Codex's hooks do. */
const SOCKET_REQUESTS = 500;
/** Claims are sent in batches of this many patterns while the 10,000 are set up. */
const SETUP_BATCH = 500;

/**
 * The same claims and checks through the control socket of a real core (router, zod parsing,
 * RepoLocks, durable fencing tokens and registry saves), one connection per request.
 */
async function runControlSocket(workload: Workload): Promise<RunResult> {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-bench-socket-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const socket = path.join(repo, '..', `${path.basename(repo)}.sock`);
  const core = new Orchestrator({ appRoots: [] });
  const server = await startControlServer(createRouter(orchestratorHandlers(core)), socket);
  const ask = async (name: string, input: unknown): Promise<number> => {
    const t = nowNs();
    const result = await controlRequest(socket, name, input, 30_000);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return usSince(t);
  };
  try {
    await core.openRepo(repo);
    // The 10,000 claims, held by the user (the core only lets live agents claim as agents).
    const patterns = workload.claims.map((c) => c.target.pattern);
    for (let i = 0; i < patterns.length - SOCKET_REQUESTS; i += SETUP_BATCH) {
      await ask('locks.claim', { patterns: patterns.slice(i, Math.min(i + SETUP_BATCH, patterns.length - SOCKET_REQUESTS)) });
    }
    const timed = async (inputs: unknown[], name: string): Promise<number[]> => {
      const latencies: number[] = [];
      for (const input of inputs) latencies.push(await ask(name, input));
      return latencies;
    };
    const claimLatencies = await timed(patterns.slice(-SOCKET_REQUESTS).map((p) => ({ patterns: [p] })), 'locks.claim');
    const checkLatencies = await timed(workload.checks.slice(0, SOCKET_REQUESTS).map((c) => ({ path: c.path })), 'locks.whoHolds');
    return resultOfLatencies(claimLatencies, checkLatencies);
  } finally {
    await server.close();
    await core.dispose(true);
    fs.rmSync(repo, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/**
 * The floor under a durable claim: one journal-sized line appended and fdatasynced (asynchronously,
 * as the core does), on the same filesystem, timed one by one. A claim through the socket is
 * answered after such a write, so it cannot be faster than this plus a request's round trip.
 */
async function runDurableAppend(): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-bench-fsync-'));
  const [write, fdatasync] = [promisify(fs.write), promisify(fs.fdatasync)];
  const fd = fs.openSync(path.join(dir, 'journal.jsonl'), 'a');
  const line = Buffer.from(`${JSON.stringify({ claims: { set: [{ id: 'claim-10001', holder: { kind: 'user' }, target: { kind: 'file', pattern: 'pkg1/src/mod1/file1.ts' }, mode: 'exclusive', token: 10001, since: 0 }], removed: [] } })}\n`);
  try {
    const latencies: number[] = [];
    for (let i = 0; i < SOCKET_REQUESTS; i++) {
      const t = nowNs();
      await write(fd, line);
      await fdatasync(fd);
      latencies.push(usSince(t));
    }
    return latencies;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure's ratio says how many times better than the baseline (above 1: better). */
function figure(name: string, unit: string, runs: number[], baselineName: string, baselineRuns: number[], higherIsBetter: boolean): BenchFigure {
  return betterThan(name, unit, runs, { name: baselineName, samples: baselineRuns }, higherIsBetter);
}

export async function runLocksBench(): Promise<BenchFigure[]> {
  const workload = buildWorkload();
  runLockTable(workload); // warm-up: JIT and picomatch caches
  const table = Array.from({ length: RUNS }, () => runLockTable(workload));
  const scans = Array.from({ length: RUNS }, () => runLinearScan(workload));
  const files = Array.from({ length: LOCKFILE_RUNS }, () => runProperLockfile(workload));
  const sockets: RunResult[] = [];
  const appends: number[] = [];
  for (let run = 0; run < LOCKFILE_RUNS; run++) {
    sockets.push(await runControlSocket(workload));
    appends.push(percentile(await runDurableAppend(), 50));
  }
  const pick = (results: RunResult[], key: keyof RunResult) => results.map((r) => r[key]);
  const lf = 'proper-lockfile (lock files in a temp dir)';
  return [
    figure('lock table: claim throughput (10,000 claims, 100 agents)', 'claims/s', pick(table, 'claimsPerSecond'), `${lf}: lockSync`, pick(files, 'claimsPerSecond'), true),
    figure('lock table: claim p50', 'µs', pick(table, 'claimP50'), `${lf}: lockSync`, pick(files, 'claimP50'), false),
    figure('lock table: claim p99', 'µs', pick(table, 'claimP99'), `${lf}: lockSync`, pick(files, 'claimP99'), false),
    figure('lock table: check throughput (against 10,000 claims)', 'checks/s', pick(table, 'checksPerSecond'), `${lf}: checkSync`, pick(files, 'checksPerSecond'), true),
    figure('lock table: check p50', 'µs', pick(table, 'checkP50'), `${lf}: checkSync`, pick(files, 'checkP50'), false),
    figure('lock table: check p99', 'µs', pick(table, 'checkP99'), `${lf}: checkSync`, pick(files, 'checkP99'), false),
    figure('lock table: check p50 (trie index)', 'µs', pick(table, 'checkP50'), 'every claim tested in turn', scans, false),
    figure('control socket: claim throughput (10,000 held, one connection each)', 'claims/s', pick(sockets, 'claimsPerSecond'), `${lf}: lockSync`, pick(files, 'claimsPerSecond'), true),
    figure('control socket: claim p50', 'µs', pick(sockets, 'claimP50'), `${lf}: lockSync`, pick(files, 'claimP50'), false),
    figure('control socket: claim p50 (answered after its fdatasync)', 'µs', pick(sockets, 'claimP50'), 'one line appended + fdatasync (the durability floor)', appends, false),
    figure('control socket: claim p99', 'µs', pick(sockets, 'claimP99'), `${lf}: lockSync`, pick(files, 'claimP99'), false),
    figure('control socket: check (locks.whoHolds) throughput', 'checks/s', pick(sockets, 'checksPerSecond'), `${lf}: checkSync`, pick(files, 'checksPerSecond'), true),
    figure('control socket: check p50', 'µs', pick(sockets, 'checkP50'), `${lf}: checkSync`, pick(files, 'checkP50'), false),
    figure('control socket: check p99', 'µs', pick(sockets, 'checkP99'), `${lf}: checkSync`, pick(files, 'checkP99'), false),
  ];
}

if (/locks-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const started = Date.now();
  runLocksBench().then(
    (figures) => {
      console.log(formatTable(figures));
      console.log(`\n${RUNS} runs (${LOCKFILE_RUNS} for proper-lockfile), ${((Date.now() - started) / 1000).toFixed(1)} s; ratio: how many times better than the baseline.`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
