/**
 * Terminal benchmark: how fast a pty child's output reaches the screen through the core, the
 * WebSocket host and xterm.js in Chromium, against xterm.js writing the same amount in the same
 * page with no transport (the ceiling); how smoothly the page draws (requestAnimationFrame
 * intervals) while one agent floods and another is on screen; the CPU per MB the core and
 * Chromium spend on it (Chromium's against xterm.js alone); how long output goes on reaching the
 * screen after Ctrl-C in a flooding terminal; and the core's memory after 50 MB of output. Needs `npm run build` and a Chromium (see test/harness/chromium.ts).
 *
 *   npx tsx bench/terminal-bench.ts
 *
 * The core and host run in a child process (this file with --host), so its memory is the
 * core's alone. The agents are `node` scripts given as the Codex binary: this measures the
 * terminal path, not Codex.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { Orchestrator } from '../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../src/core/router';
import { FlowControl } from '../src/core/terminals/flow-control';
import { startHost } from '../src/host/host-server';
import { CHROMIUM_ARGS, findChromium } from '../test/harness/chromium';
import { formatTable, percentile, summarize, type BenchFigure } from './bench-figure';
import { commandName, cpuSeconds, descendants } from './proc-stats';
import { frameIntervals as intervals, recordFrames } from './frame-recorder';

export type { BenchFigure };

export const Bench = {
  /** The flood: an agent printing 50 MB as fast as it can. */
  FloodChars: 50_000_000,
  /** Enough for a median and a spread, few enough to stay near two minutes. */
  Runs: 3,
  /** How long idle frames are sampled for the baseline. */
  IdleSampleMs: 2_000,
  /** How often the page is asked whether the flood's end marker is on screen. */
  PollMs: 50,
  /** How long a terminal floods before Ctrl-C, so every buffer on the way is as full as it gets. */
  FloodBeforeInterruptMs: 1_000,
  /** How long the screen must stay unchanged after Ctrl-C for the output to count as stopped. */
  QuietAfterInterruptMs: 2_000,
  /** The bound on the time from Ctrl-C to the last output on screen. */
  InterruptTargetMs: 500,
  Viewport: { width: 1400, height: 860 },
} as const;

/**
 * The app's xterm options that cost time (src/renderer/terminals/terminal-options.ts, which the
 * Node project cannot import), so the ceiling terminal does the same work as the app's.
 */
const CEILING_TERMINAL_OPTIONS = { scrollback: 10_000, fontSize: 13, lineHeight: 1.15 } as const;

const APP_ROOT = path.resolve(__dirname, '..');
const MB = 1_000_000;

/**
 * The "Codex" the agents run: `flood` prints Bench.FloodChars of base64 per "f" typed; `yes`
 * prints base64 without end once a line is typed, in cooked mode, so Ctrl-C ends it (SIGINT from
 * the pty's line discipline) as it ends `yes` in a shell; `echo` echoes.
 */
const FAKE_CODEX = `#!${process.execPath}
const task = process.argv[process.argv.length - 1];
process.stdin.setRawMode(task !== 'yes');
if (task === 'flood') {
  const line = () => require('node:crypto').randomBytes(57).toString('base64') + '\\r\\n';
  const block = Array.from({ length: 840 }, line).join('');
  let run = 0;
  process.stdin.on('data', () => {
    run += 1;
    // Writes to a tty are synchronous: while flow control holds the pty, this blocks.
    for (let sent = 0; sent < ${Bench.FloodChars}; sent += block.length) process.stdout.write(block);
    process.stdout.write('\\r\\nFLOOD-END-' + run + '\\r\\n');
  });
  process.stdout.write('flood ready\\r\\n');
} else if (task === 'yes') {
  const line = () => require('node:crypto').randomBytes(57).toString('base64') + '\\r\\n';
  const block = Array.from({ length: 840 }, line).join('');
  process.stdin.once('data', () => {
    // Numbered, so the screen changes with every block until the very last one.
    for (let n = 1; ; n++) process.stdout.write('YES-' + n + '\\r\\n' + block);
  });
  process.stdout.write('yes ready\\r\\n');
} else {
  process.stdin.on('data', (d) => process.stdout.write(d.toString()));
  process.stdout.write('echo ready\\r\\n');
}
`;

export interface BenchHost {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
}

/** --host: the core and the WebSocket host (serving the built renderer) on a temp repository. */
async function serveForBench(): Promise<void> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-bench-')));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const codexPath = path.join(dir, 'fake-codex');
  fs.writeFileSync(codexPath, FAKE_CODEX, { mode: 0o755 });
  const core = new Orchestrator({ appRoots: [], codexPath, env: process.env });
  await core.openRepo(dir);
  const host = await startHost({
    router: createRouter(orchestratorHandlers(core)),
    events: core.events,
    terminals: core.terminalViews,
    staticDir: path.join(APP_ROOT, 'out', 'renderer'),
  });
  process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n`);
  process.once('SIGTERM', () => {
    void Promise.all([host.close(), core.dispose(true)]).finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

/** SWITCHYARD_BENCH_CORE_PROFILE=DIR: the core writes a V8 CPU profile into DIR when it stops. */
function coreProfileArgs(): string[] {
  const dir = process.env.SWITCHYARD_BENCH_CORE_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

export async function startBenchHost(): Promise<BenchHost> {
  const child = spawn(process.execPath, [...coreProfileArgs(), '--import', 'tsx', __filename, '--host'], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bench host exited with ${code}`)));
  });
  return { ...(JSON.parse(first) as Omit<BenchHost, 'child'>), child };
}

/** A contract client on the host's WebSocket, for launching agents and typing into them. */
export async function contractClient(host: BenchHost): Promise<(name: string, input: object) => Promise<unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (value: unknown) => void>();
  ws.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { type: string; id?: number; result?: { ok: boolean; value?: unknown } };
    if (message.type === 'result') pending.get(message.id!)?.(message.result?.value);
  });
  let nextId = 1;
  return (name, input) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
    });
}

/** Resident memory of a process now (VmRSS) or at its peak so far (VmHWM), from /proc (Linux). */
function rssBytes(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = new RegExp(`${which}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Where CPU goes during a flood, by the kind of process that spent it. */
type CpuShare = 'page' | 'chromium-other' | 'core' | 'producer';
const CPU_SHARES: readonly CpuShare[] = ['page', 'chromium-other', 'core', 'producer'];

/**
 * Which share a process's CPU counts in: the page's renderer, Chromium's other processes (browser,
 * GPU, network service: they carry the WebSocket and composite frames), the core, or the agent
 * flooding its pty. Chromium writes its whole command line into argv[0], hence the split on spaces.
 */
function shareOf(pid: number, corePid: number): CpuShare | null {
  if (pid === corePid) return 'core';
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return null;
  }
  if (/chrom/i.test(commandName(pid))) return argv.includes('--type=renderer') ? 'page' : 'chromium-other';
  return argv.some((arg) => arg.endsWith('fake-codex')) ? 'producer' : null;
}

/** CPU seconds used so far by each share (processes that ended meanwhile are not counted). */
function cpuByShare(corePid: number): Record<CpuShare, number> {
  const totals: Record<CpuShare, number> = { page: 0, 'chromium-other': 0, core: 0, producer: 0 };
  for (const pid of descendants(process.pid)) {
    const share = shareOf(pid, corePid);
    if (share) totals[share] += cpuSeconds(pid);
  }
  return totals;
}

/** ms of CPU per MB of flood, per share, between two readings of cpuByShare. */
function perMB(before: Record<CpuShare, number>, after: Record<CpuShare, number>): Record<CpuShare, number> {
  const out = { ...after };
  for (const share of CPU_SHARES) out[share] = ((after[share] - before[share]) * 1000) / (Bench.FloodChars / MB);
  return out;
}

const sum = (shares: Record<CpuShare, number>): number => CPU_SHARES.reduce((total, share) => total + shares[share], 0);

const rowsSelector = (id: string): string => `[data-testid="terminal-${id}"] .xterm-rows`;

export async function waitForText(page: Page, id: string, text: string, timeoutMs = 300_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, text }) => document.querySelector(selector)?.textContent?.includes(text) ?? false,
    { selector: rowsSelector(id), text },
    { polling: Bench.PollMs, timeout: timeoutMs },
  );
}

/** xterm.js alone in the same page: the same amount of base64, written straight in. Returns chars/s. */
export async function ceilingThroughput(page: Page, size: { cols: number; rows: number }): Promise<number> {
  return page.evaluate(
    async ({ chars, options, size, highWatermark }) => {
      type Term = { open(el: HTMLElement): void; write(data: string, done?: () => void): void; dispose(): void };
      const { Terminal } = window as unknown as { Terminal: new (options: object) => Term };
      const host = document.createElement('div');
      host.style.cssText = 'position:fixed;left:0;top:0;width:700px;height:500px;z-index:9999;background:#000';
      document.body.appendChild(host);
      const term = new Terminal({ ...options, ...size });
      term.open(host);
      const line = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(57)))) + '\r\n';
      const block = Array.from({ length: 840 }, line).join('');
      // xterm discards input past 50 MB queued, so even the ceiling keeps a bounded amount in
      // flight, as the pipeline's flow control does (at the same high-water mark).
      let inFlight = 0;
      let drained: (() => void) | null = null;
      const start = performance.now();
      for (let sent = 0; sent < chars; sent += block.length) {
        if (inFlight > highWatermark) await new Promise<void>((resolve) => (drained = resolve));
        inFlight += block.length;
        term.write(block, () => {
          inFlight -= block.length;
          if (inFlight <= highWatermark) drained?.();
        });
      }
      await new Promise<void>((resolve) => term.write('', resolve));
      // Let the last frame render, as the pipeline run waits for its marker on screen.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const seconds = (performance.now() - start) / 1000;
      term.dispose();
      host.remove();
      return chars / seconds;
    },
    { chars: Bench.FloodChars, options: CEILING_TERMINAL_OPTIONS, size, highWatermark: FlowControl.HighWatermarkChars },
  );
}

/**
 * Ctrl-C in a flooding terminal: ms from sending \x03 until the last change of the terminal's
 * rows on screen (read every animation frame in the page, on the page's clock). What is still on
 * its way when the process dies (pty buffer, core, socket, xterm's queue) is drawn after it.
 */
async function interruptStopMs(page: Page, invoke: (name: string, input: object) => Promise<unknown>, id: string): Promise<number> {
  await waitForText(page, id, 'yes ready', 30_000);
  await invoke('terminal.input', { id, data: 'go\r' });
  // Flooding once its first line has scrolled off the screen.
  await page.waitForFunction((selector) => !(document.querySelector(selector)?.textContent?.includes('yes ready') ?? true), rowsSelector(id), {
    polling: Bench.PollMs,
    timeout: 30_000,
  });
  await new Promise((resolve) => setTimeout(resolve, Bench.FloodBeforeInterruptMs));
  const sentAt = await page.evaluate((selector) => {
    const w = window as unknown as { lastRowsChange: number; stopWatching: boolean };
    const rows = document.querySelector(selector)!;
    let last = rows.textContent;
    w.lastRowsChange = performance.now();
    w.stopWatching = false;
    const watch = (): void => {
      const now = rows.textContent;
      if (now !== last) {
        last = now;
        w.lastRowsChange = performance.now();
      }
      if (!w.stopWatching) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    return performance.now();
  }, rowsSelector(id));
  await invoke('terminal.input', { id, data: '\x03' });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, Bench.PollMs * 4));
    const { now, lastChange } = await page.evaluate(() => {
      const w = window as unknown as { lastRowsChange: number };
      return { now: performance.now(), lastChange: w.lastRowsChange };
    });
    if (now - lastChange >= Bench.QuietAfterInterruptMs) {
      await page.evaluate(() => ((window as unknown as { stopWatching: boolean }).stopWatching = true));
      return lastChange - sentAt;
    }
  }
}

export async function runTerminalBench(): Promise<BenchFigure[]> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install /usr/bin/chromium or set SWITCHYARD_CHROMIUM.');
  if (!fs.existsSync(path.join(APP_ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Run `npm run build` first.');

  const host = await startBenchHost();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const invoke = await contractClient(host);
    const launch = async (task: string): Promise<string> =>
      ((await invoke('agents.launch', { name: task, task })) as { id: string }).id;
    const flood = await launch('flood');
    const echo = await launch('echo');

    // The page's CSP allows only its own scripts; the ceiling needs xterm.js loaded beside the app.
    const context = await browser.newContext({ bypassCSP: true, viewport: Bench.Viewport });
    // tsx compiles with esbuild's keepNames, which wraps named functions inside the callbacks
    // handed to page.evaluate in a `__name` helper that exists only in Node.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.goto(`${host.url}&renderer=dom`);
    await page.getByRole('button', { name: 'Grid' }).click();
    await waitForText(page, flood, 'flood ready', 30_000);
    await waitForText(page, echo, 'echo ready', 30_000);
    await page.addScriptTag({ path: require.resolve('@xterm/xterm/lib/xterm.js') });
    const rssBefore = rssBytes(host.child.pid!);

    const pipeline: number[] = [];
    const ceiling: number[] = [];
    const floodP50: number[] = [];
    const floodP95: number[] = [];
    const idleP50: number[] = [];
    const idleP95: number[] = [];
    const rssAfter: number[] = [];
    const pipelineCpu: Array<Record<CpuShare, number>> = [];
    const ceilingCpu: Array<Record<CpuShare, number>> = [];
    for (let run = 1; run <= Bench.Runs; run++) {
      const stopIdle = await recordFrames(page);
      await new Promise((resolve) => setTimeout(resolve, Bench.IdleSampleMs));
      const idle = intervals(await stopIdle());
      idleP50.push(percentile(idle, 50));
      idleP95.push(percentile(idle, 95));

      const stopFlood = await recordFrames(page);
      const start = performance.now();
      const cpuBefore = cpuByShare(host.child.pid!);
      await invoke('terminal.input', { id: flood, data: 'f' });
      await waitForText(page, flood, `FLOOD-END-${run}`);
      pipeline.push(Bench.FloodChars / ((performance.now() - start) / 1000));
      pipelineCpu.push(perMB(cpuBefore, cpuByShare(host.child.pid!)));
      const during = intervals(await stopFlood());
      floodP50.push(percentile(during, 50));
      floodP95.push(percentile(during, 95));
      rssAfter.push(rssBytes(host.child.pid!));

      const { agents } = (await invoke('agents.list', {})) as { agents: Array<{ id: string; cols: number; rows: number }> };
      const floodAgent = agents.find((agent) => agent.id === flood)!;
      const ceilingBefore = cpuByShare(host.child.pid!);
      ceiling.push(await ceilingThroughput(page, { cols: floodAgent.cols, rows: floodAgent.rows }));
      ceilingCpu.push(perMB(ceilingBefore, cpuByShare(host.child.pid!)));
    }

    // Each Ctrl-C ends its agent, so each run floods a fresh one (shown in the grid beside the others).
    const interruptMs: number[] = [];
    for (let run = 1; run <= Bench.Runs; run++) interruptMs.push(await interruptStopMs(page, invoke, await launch('yes')));

    const toMB = (values: number[]): number[] => values.map((value) => value / MB);
    const share = (runs: Array<Record<CpuShare, number>>, name: CpuShare): number[] => runs.map((cpu) => cpu[name]);
    return [
      summarize('pty → core → WebSocket → xterm.js throughput', 'MB/s', toMB(pipeline), {
        name: 'xterm.js alone in the same page',
        samples: toMB(ceiling),
      }),
      summarize('frame interval p50, other agent on screen, one flooding', 'ms', floodP50, { name: 'idle', samples: idleP50 }),
      summarize('frame interval p95, other agent on screen, one flooding', 'ms', floodP95, { name: 'idle', samples: idleP95 }),
      summarize('CPU per MB, all processes', 'ms', pipelineCpu.map(sum), { name: 'xterm.js alone', samples: ceilingCpu.map(sum) }),
      summarize('  the page (Chromium renderer)', 'ms', share(pipelineCpu, 'page'), { name: 'xterm.js alone', samples: share(ceilingCpu, 'page') }),
      summarize('  Chromium browser, GPU, network', 'ms', share(pipelineCpu, 'chromium-other'), {
        name: 'xterm.js alone',
        samples: share(ceilingCpu, 'chromium-other'),
      }),
      summarize('  the core (headless mirror included)', 'ms', share(pipelineCpu, 'core')),
      summarize('  the agent printing into its pty', 'ms', share(pipelineCpu, 'producer')),
      // What the pipeline's CPU per MB allows on this machine if every core did nothing else: on
      // few cores, the processes outside the page compete with it and bound the throughput.
      summarize(`throughput the CPU per MB allows on ${os.availableParallelism()} cores`, 'MB/s', pipelineCpu.map((cpu) => (os.availableParallelism() * 1000) / sum(cpu))),
      summarize('Ctrl-C in a flooding terminal → last output on screen', 'ms', interruptMs, {
        name: 'target',
        samples: [Bench.InterruptTargetMs],
      }),
      summarize(`core RSS after each ${Bench.FloodChars / MB} MB flood`, 'MB', toMB(rssAfter), {
        name: 'before any flood',
        samples: [rssBefore / MB],
      }),
      summarize('core peak RSS over all floods', 'MB', [rssBytes(host.child.pid!, 'VmHWM') / MB], {
        name: 'before any flood',
        samples: [rssBefore / MB],
      }),
    ];
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    host.child.kill('SIGTERM');
    await exited;
  }
}

if (require.main === module) {
  if (process.argv.includes('--host')) {
    void serveForBench();
  } else {
    runTerminalBench()
      .then((figures) => console.log(formatTable(figures)))
      .catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      });
  }
}
