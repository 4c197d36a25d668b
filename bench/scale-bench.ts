/**
 * Scale benchmark: many real Codex agents at once (20 unless SWITCHYARD_BENCH_AGENTS says
 * otherwise) against the scripted model, each editing its own file over a few tool calls, run
 * by the real `switchyard serve` in a child process. Measured against baselines from the same
 * run: the core's CPU and memory while they run against the same core with no agent; the time
 * for all of them to finish against one agent alone; the round-trip time of `repo.get` and
 * `agents.list` over the WebSocket while they run against the same with no agent; and the frame
 * intervals of the served UI in Chromium (grid layout, every terminal streaming) against the same
 * page with no agent. Needs `npm run build`; the browser part needs a Chromium (see
 * test/harness/chromium.ts) and is skipped without one or with SWITCHYARD_BENCH_BROWSER=0.
 *
 *   npx tsx bench/scale-bench.ts
 *   SWITCHYARD_BENCH_AGENTS=5 SWITCHYARD_BENCH_RUNS=1 npx tsx bench/scale-bench.ts
 *
 * The core's CPU and memory are those of the serve process alone (from /proc), not of Codex or
 * of the hook processes Codex starts; Codex, the model server and Chromium share the same cores.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import type { Agent } from '../src/shared/domain';
import { CHROMIUM_ARGS, findChromium } from '../test/harness/chromium';
import { makeCodexHome, type CodexHome } from '../test/harness/codex-home';
import { addFileStep, startModelServer, type ModelServer, type ScenarioStep } from '../test/harness/model-server';
import { cliEnv, startServe, type ServeProcess } from '../test/harness/serve-process';
import { makeTempRepo, type TempRepo } from '../test/harness/temp-repo';
import { formatTable, medianOf, percentile, summarize, type BenchFigure } from './bench-figure';
import { frameIntervals, recordFrames } from './frame-recorder';

export type { BenchFigure };

function positiveIntFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const Bench = {
  /** The issue's figure: 20 agents at once. */
  Agents: positiveIntFromEnv('SWITCHYARD_BENCH_AGENTS', 20),
  /** Each run is a no-agent baseline, one agent alone, then all at once; 20 Codex agents take a while. */
  Runs: positiveIntFromEnv('SWITCHYARD_BENCH_RUNS', 3),
  /** How long the no-agent baseline is sampled for. */
  IdleSampleMs: 10_000,
  /** Edits (tool calls) per agent before its final reply; each is a model request. */
  Edits: 3,
  /** The scripted model's "thinking" before each answer, so the agents' turns overlap. */
  StepDelayMs: 300,
  /** Lines of the final reply, so every agent's terminal has some output to stream. */
  ReplyLines: 30,
  /**
   * One `repo.get` then one `agents.list` (each waiting for the previous answer) every this
   * many ms, or back to back when slower: a fixed, light load (about what a UI polling would
   * add), so the probes themselves weigh the same on the core's CPU with and without agents.
   */
  ProbeEveryMs: 100,
  /** How often the bench reads the core's RSS and the agents' states. */
  SampleMs: 250,
  /** Longest wait for the agents to finish one round. */
  RoundTimeoutMs: 15 * 60_000,
  Browser: process.env.SWITCHYARD_BENCH_BROWSER !== '0',
  /**
   * A 1440p screen: the grid gives each of 20 terminals about 54×17 cells. Codex 0.169's TUI can
   * panic (ratatui "index outside of buffer", exit 101) when its terminal is resized while it
   * starts, and the grid reflows (resizing every terminal) at each new agent; so the page shows
   * Tabs while a round's agents start and switches to Grid once none is starting.
   */
  Viewport: { width: 2560, height: 1440 },
} as const;

const APP_ROOT = path.resolve(__dirname, '..');
const MB = 1_000_000;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Terminal output without escape sequences, for error messages. */
const visibleText = (raw: string): string =>
  // eslint-disable-next-line no-control-regex -- escape sequences are control characters.
  raw.replace(/\x1b\[[0-9;?>]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) the process itself has used, from /proc/<pid>/stat (Linux). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * Seconds the process's main thread (the core's event loop) has waited on a run queue for a
 * core, from /proc/<pid>/schedstat (Linux): time it was ready to run but every core was busy.
 */
function runQueueWaitSeconds(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** Busy and total CPU ticks of the whole machine (every process, ours and others'), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait are not busy.
  return { busy: total - fields[3]! - fields[4]!, total };
}

/** Resident memory of a process now, from /proc (Linux). */
function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** A contract client on the host's WebSocket that times every command's round trip. */
interface Client {
  invoke(name: string, input: object): Promise<{ value: unknown; ms: number }>;
  close(): void;
}

async function connect(serve: ServeProcess): Promise<Client> {
  const token = new URL(serve.url).searchParams.get('token')!;
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, { start: number; resolve: (r: { value: unknown; ms: number }) => void; reject: (e: Error) => void; name: string }>();
  ws.on('message', (raw) => {
    const at = performance.now();
    const message = JSON.parse(raw.toString()) as { type: string; id?: number; result?: { ok: boolean; value?: unknown; error?: unknown } };
    if (message.type !== 'result') return;
    const call = pending.get(message.id!);
    if (!call) return;
    pending.delete(message.id!);
    if (message.result?.ok) call.resolve({ value: message.result.value, ms: at - call.start });
    else call.reject(new Error(`${call.name} failed: ${JSON.stringify(message.result?.error)}`));
  });
  let nextId = 1;
  return {
    invoke: (name, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { start: performance.now(), resolve, reject, name });
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      }),
    close: () => ws.close(),
  };
}

/** Round trips of `repo.get` and `agents.list`, one at a time, until stopped. */
function startProbes(client: Client): () => Promise<{ repoGet: number[]; agentsList: number[] }> {
  const repoGet: number[] = [];
  const agentsList: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      repoGet.push((await client.invoke('repo.get', {})).ms);
      agentsList.push((await client.invoke('agents.list', {})).ms);
      await sleep(Math.max(0, Bench.ProbeEveryMs - (performance.now() - start)));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { repoGet, agentsList };
  };
}

/** The core's CPU time and RSS over a phase: CPU as a share of one core, RSS sampled. */
interface Usage {
  cpuSeconds: number;
  wallSeconds: number;
  /** The core's CPU time as a share of one core over the phase. */
  cpuPercent: number;
  rssMean: number;
  rssPeak: number;
  /** ms per second the core's event loop was ready to run but waited for a core. */
  runQueueWaitMsPerS: number;
  /** Share of the whole machine's CPU that was busy (every process on it). */
  machineBusyPercent: number;
}

function startUsage(pid: number): () => Usage {
  const cpu0 = cpuSeconds(pid);
  const wait0 = runQueueWaitSeconds(pid);
  const machine0 = machineTicks();
  const t0 = performance.now();
  const rss: number[] = [rssBytes(pid)];
  const timer = setInterval(() => rss.push(rssBytes(pid)), Bench.SampleMs);
  return () => {
    clearInterval(timer);
    rss.push(rssBytes(pid));
    const used = cpuSeconds(pid) - cpu0;
    const wall = (performance.now() - t0) / 1000;
    const machine1 = machineTicks();
    return {
      runQueueWaitMsPerS: (1000 * (runQueueWaitSeconds(pid) - wait0)) / wall,
      machineBusyPercent: (100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total),
      cpuSeconds: used,
      wallSeconds: wall,
      cpuPercent: (100 * used) / wall,
      rssMean: rss.reduce((a, b) => a + b, 0) / rss.length,
      rssPeak: Math.max(...rss),
    };
  };
}

/** Starts recording frame intervals in the page (none without a browser); the returned function stops and reads them. */
async function recordFrameIntervals(page: Page | null): Promise<() => Promise<number[]>> {
  if (!page) return () => Promise.resolve([]);
  const stop = await recordFrames(page);
  return async () => frameIntervals(await stop());
}

/**
 * Presses the layout button in the page's own script: a Playwright locator waits for the page to
 * settle, which a page drawing 20 busy terminals on a saturated machine may not do within its timeout.
 */
async function showLayout(page: Page | null, label: 'Tabs' | 'Grid'): Promise<void> {
  if (!page) return;
  const pressed = await page.evaluate((label) => {
    const button = [...document.querySelectorAll('.layout-toggle button')].find((b) => b.textContent?.trim() === label);
    (button as HTMLButtonElement | undefined)?.click();
    return Boolean(button);
  }, label);
  if (!pressed) throw new Error(`the page has no ${label} button`);
}

/** The file an agent edits and the steps it plays: add it, append to it, then a long reply. */
function agentScript(file: string, label: string): ScenarioStep[] {
  const steps: ScenarioStep[] = [addFileStep(file, `${label} edit 1`, Bench.StepDelayMs)];
  for (let edit = 2; edit <= Bench.Edits; edit++) {
    steps.push({
      kind: 'exec',
      cmd: `apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: ${file}\n@@\n ${label} edit ${edit - 1}\n+${label} edit ${edit}\n*** End Patch\nEOF\n`,
      delayMs: Bench.StepDelayMs,
    });
  }
  const reply = Array.from({ length: Bench.ReplyLines }, (_, i) => `${label}: line ${i + 1} of the summary of what changed in ${file}.`);
  steps.push({ kind: 'message', text: `${reply.join('\n')}\n${label} finished`, delayMs: Bench.StepDelayMs });
  return steps;
}

interface Round {
  /** Seconds from the first launch until every agent reported itself idle after its task. */
  seconds: number;
  usage: Usage;
  probes: { repoGet: number[]; agentsList: number[] };
  frames: number[];
  /** Agents whose file holds all of their scripted edits afterwards. */
  landed: number;
}

/**
 * Launches `count` agents at once and waits until all of them finished their task (idle after
 * one completed turn), measuring the core meanwhile; then checks that every file holds every edit.
 */
async function runRound(ctx: Context, tag: string, count: number): Promise<Round> {
  const stopUsage = startUsage(ctx.serve.child.pid!);
  const stopProbes = startProbes(ctx.probeClient);
  const stopFrames = await recordFrameIntervals(ctx.page);
  const start = performance.now();
  let files: string[];
  try {
    // Tabs while the agents start, Grid once every one is past starting: see Bench.Viewport.
    await showLayout(ctx.page, 'Tabs');
    files = await launchAndWait(ctx, tag, count, () => showLayout(ctx.page, 'Grid'));
  } catch (error) {
    // Stop sampling a core that may be gone; the probes' last command may never be answered.
    void stopProbes();
    try {
      stopUsage();
    } catch {
      // The serve process has exited.
    }
    throw error;
  }
  const seconds = (performance.now() - start) / 1000;
  const frames = await stopFrames();
  const probes = await stopProbes();
  const usage = stopUsage();
  let landed = 0;
  for (const [i, file] of files.entries()) {
    const want = Array.from({ length: Bench.Edits }, (_, e) => `${tag}-${i + 1} edit ${e + 1}`).join('\n');
    const have = ctx.repo.exists(file) ? ctx.repo.read(file).trim() : '(missing)';
    if (have !== want) {
      const outputs = ctx.model.lastInput(`${tag}-${i + 1}`).match(/"function_call_output"[^}]*"output":"(?:[^"\\]|\\.)*"/g) ?? [];
      // Reported (as a figure and here), not thrown: the load was real even if an edit did not land.
      console.log(`bench scale: ${file} holds ${JSON.stringify(have)}, not the ${Bench.Edits} scripted edits; Codex's tool results: ${outputs.join('\n')}`);
    } else {
      landed += 1;
    }
  }
  await ctx.control.invoke('agents.stopAll', { force: false });
  return { seconds, usage, probes, frames, landed };
}

/** Launches the agents one after another as fast as the core answers, then waits for all to finish. */
async function launchAndWait(ctx: Context, tag: string, count: number, allStarted: () => Promise<void>): Promise<string[]> {
  const files: string[] = [];
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const label = `${tag}-${i}`;
    const file = `scale/${label}.txt`;
    files.push(file);
    ctx.model.script(label, agentScript(file, label));
    const { value } = await ctx.control.invoke('agents.launch', { name: label, task: `edit ${file} [scenario:${label}]`, codexHome: ctx.home.dir });
    ids.push((value as { id: string }).id);
  }
  const deadline = Date.now() + Bench.RoundTimeoutMs;
  let started = false;
  for (;;) {
    const { value } = await ctx.control.invoke('agents.list', {});
    const mine = (value as { agents: Agent[] }).agents.filter((a) => ids.includes(a.id));
    const ended = mine.find((a) => ['exited', 'failed', 'stopped'].includes(a.status));
    if (ended) {
      const { value: history } = await ctx.control.invoke('terminal.history', { id: ended.id });
      const screen = visibleText((history as { data: string }).data).trim().split('\n').slice(-15).join('\n');
      throw new Error(`agent ${ended.name} ended (${ended.status}: ${ended.detail ?? 'no detail'}) before finishing its task. Its terminal:\n${screen}`);
    }
    if (!started && mine.length === count && mine.every((a) => !['queued', 'starting'].includes(a.status))) {
      started = true;
      await allStarted();
    }
    if (mine.length === count && mine.every((a) => a.status === 'idle' && a.completedTurns >= 1)) {
      const smallest = mine.reduce((a, b) => (a.cols * a.rows <= b.cols * b.rows ? a : b));
      console.log(`bench scale: ${tag}: smallest terminal ${smallest.cols}×${smallest.rows}`);
      return files;
    }
    if (Date.now() > deadline) {
      throw new Error(`after ${Bench.RoundTimeoutMs / 1000} s: ${mine.map((a) => `${a.name}=${a.status}/${a.completedTurns}`).join(' ')}`);
    }
    await sleep(Bench.SampleMs);
  }
}

/** The core with no agent running, for the same span as the baseline. */
async function idlePhase(ctx: Context): Promise<Round> {
  const stopUsage = startUsage(ctx.serve.child.pid!);
  const stopProbes = startProbes(ctx.probeClient);
  const stopFrames = await recordFrameIntervals(ctx.page);
  await sleep(Bench.IdleSampleMs);
  const frames = await stopFrames();
  const probes = await stopProbes();
  return { seconds: 0, usage: stopUsage(), probes, frames, landed: 0 };
}

/** CPU the core spent on a round beyond what it spends with no agent over the same time. */
function netCpuMs(round: Round, idle: Round): number {
  return 1000 * (round.usage.cpuSeconds - (idle.usage.cpuPercent / 100) * round.usage.wallSeconds);
}

interface Context {
  serve: ServeProcess;
  model: ModelServer;
  home: CodexHome;
  repo: TempRepo;
  /** Launches and polls. */
  control: Client;
  /** Only the latency probes, so their round trips wait on nothing of the bench's own. */
  probeClient: Client;
  page: Page | null;
}

async function openPage(browser: Browser, serve: ServeProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: Bench.Viewport });
  // tsx compiles with esbuild's keepNames, which wraps named functions inside the callbacks
  // handed to page.evaluate in a `__name` helper that exists only in Node.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = await context.newPage();
  // The DOM renderer: with --disable-gpu, WebGL would fall back to software anyway.
  await page.goto(`${serve.url}&renderer=dom`);
  await page.getByRole('button', { name: 'Tabs' }).waitFor({ timeout: 30_000 });
  return page;
}

export async function runScaleBench(): Promise<BenchFigure[]> {
  if (!fs.existsSync(path.join(APP_ROOT, 'out', 'main', 'cli.js')) || !fs.existsSync(path.join(APP_ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('Run `npm run build` first.');
  }
  const executablePath = Bench.Browser ? findChromium() : null;
  if (Bench.Browser && !executablePath) console.log('bench scale: no Chromium found; frame intervals are skipped');
  const n = Bench.Agents;

  const model = await startModelServer();
  const home = makeCodexHome(model.baseUrl);
  const repo = makeTempRepo();
  const env = cliEnv(home.env);
  let serve: ServeProcess | null = null;
  let browser: Browser | null = null;
  const clients: Client[] = [];
  try {
    serve = await startServe(repo.dir, env);
    const control = await connect(serve);
    const probeClient = await connect(serve);
    clients.push(control, probeClient);
    // The default queue runs 4 at once; the point here is all of them at once.
    await control.invoke('settings.set', { maxConcurrent: Math.max(n, 4) });
    browser = executablePath ? await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }) : null;
    const page = browser ? await openPage(browser, serve) : null;
    const ctx: Context = { serve, model, home, repo, control, probeClient, page };
    // One unmeasured agent first: the core's first launch loads code and grows its heap, and the
    // first Codex start reads its binary from disk; neither belongs to the first run's figures.
    await runRound(ctx, 'warmup', 1);
    await sleep(2_000);

    const idle: Round[] = [];
    const solo: Round[] = [];
    const many: Round[] = [];
    for (let run = 1; run <= Bench.Runs; run++) {
      idle.push(await idlePhase(ctx));
      solo.push(await runRound(ctx, `r${run}-solo`, 1));
      console.log(`bench scale: run ${run}: 1 agent alone finished in ${solo.at(-1)!.seconds.toFixed(1)} s`);
      many.push(await runRound(ctx, `r${run}-all`, n));
      console.log(`bench scale: run ${run}: ${n} agents finished in ${many.at(-1)!.seconds.toFixed(1)} s`);
      await sleep(2_000);
    }

    const idleRss = idle.map((r) => r.usage.rssMean / MB);
    const p = (rounds: Round[], pick: (r: Round) => number[], q: number): number[] => rounds.map((r) => percentile(pick(r), q));
    const repoGet = (r: Round): number[] => r.probes.repoGet;
    const agentsList = (r: Round): number[] => r.probes.agentsList;
    const figures: BenchFigure[] = [
      summarize(`agents of ${n} whose edits all landed`, 'agents', many.map((r) => r.landed), { name: '1 agent alone', samples: solo.map((r) => r.landed) }),
      summarize(`${n} agents at once: time until all finished`, 's', many.map((r) => r.seconds), {
        name: '1 agent alone',
        samples: solo.map((r) => r.seconds),
      }),
      summarize(`core CPU while ${n} agents run`, '% of a core', many.map((r) => r.usage.cpuPercent), {
        name: 'no agent',
        samples: idle.map((r) => r.usage.cpuPercent),
      }),
      summarize(`core CPU time per agent task, ${n} at once`, 'ms', many.map((r, i) => netCpuMs(r, idle[i]!) / n), {
        name: '1 agent alone',
        samples: solo.map((r, i) => netCpuMs(r, idle[i]!)),
      }),
      summarize(`core event loop's wait for a CPU while ${n} agents run`, 'ms/s', many.map((r) => r.usage.runQueueWaitMsPerS), {
        name: 'no agent',
        samples: idle.map((r) => r.usage.runQueueWaitMsPerS),
      }),
      summarize(`machine CPU busy while ${n} agents run (all processes)`, '%', many.map((r) => r.usage.machineBusyPercent), {
        name: 'no agent',
        samples: idle.map((r) => r.usage.machineBusyPercent),
      }),
      summarize(`core RSS peak while ${n} agents run`, 'MB', many.map((r) => r.usage.rssPeak / MB), { name: 'no agent', samples: idleRss }),
      // No baseline: one agent's share is within the garbage collector's swings, so a ratio to it would be noise.
      summarize(`core RSS growth per agent, ${n} at once`, 'MB', many.map((r, i) => (r.usage.rssPeak / MB - idleRss[i]!) / n)),
      summarize(`repo.get round trip p50 while ${n} agents run`, 'ms', p(many, repoGet, 50), { name: 'no agent', samples: p(idle, repoGet, 50) }),
      summarize(`repo.get round trip p95 while ${n} agents run`, 'ms', p(many, repoGet, 95), { name: 'no agent', samples: p(idle, repoGet, 95) }),
      summarize(`agents.list round trip p50 while ${n} agents run`, 'ms', p(many, agentsList, 50), {
        name: 'no agent',
        samples: p(idle, agentsList, 50),
      }),
      summarize(`agents.list round trip p95 while ${n} agents run`, 'ms', p(many, agentsList, 95), {
        name: 'no agent',
        samples: p(idle, agentsList, 95),
      }),
    ];
    if (page) {
      const frames = (r: Round): number[] => r.frames;
      figures.push(
        summarize(`UI frame interval p50 while ${n} agents run (grid once started)`, 'ms', p(many, frames, 50), { name: 'no agent', samples: p(idle, frames, 50) }),
        summarize(`UI frame interval p95 while ${n} agents run (grid once started)`, 'ms', p(many, frames, 95), { name: 'no agent', samples: p(idle, frames, 95) }),
      );
    }
    console.log(
      `bench scale: probes per ${n}-agent round ${medianOf(many.map((r) => r.probes.repoGet.length))}, ` +
        `frames per round ${medianOf(many.map((r) => r.frames.length))}`,
    );
    return figures;
  } finally {
    for (const client of clients) client.close();
    await browser?.close();
    await serve?.stop();
    await model.close();
    home.remove();
    repo.remove();
    fs.rmSync(env.SWITCHYARD_RUNTIME_DIR!, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runScaleBench()
    .then((figures) => console.log(formatTable(figures)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
