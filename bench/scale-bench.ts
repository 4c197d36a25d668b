/**
 * Scale benchmark: what coordinating N real Codex agents costs. The same N agents (same Codex
 * binary, same scripted model with the same think time, the same tool calls on their own files)
 * run twice in the same bench run: as bare interactive Codex in ptys (bench/bare-codex.ts, no
 * Switchyard at all) and through Switchyard (`switchyard launch` against the built `switchyard
 * serve`, hooks and MCP server wired as serve wires them). Figures: time until all finished and
 * CPU (the whole machine's, and the arm's own processes' split by role) against the bare arm; hook
 * events per tool call and CPU per hook event; `switchyard status --json` round trips idle
 * (against `node -e 0`) and while the agents work (against idle); the core's CPU, memory and
 * event-loop wait; edits landed and refused. Needs `npm run build`; Linux (/proc).
 *
 *   npx tsx bench/scale-bench.ts
 *   SWITCHYARD_BENCH_AGENTS=3 SWITCHYARD_BENCH_RUNS=1 npx tsx bench/scale-bench.ts
 *
 * SWITCHYARD_BENCH_AGENTS takes a list (default 6,20): each size is measured in every run.
 * SWITCHYARD_BENCH_BROWSER=1 adds a Chromium page of the served UI to the probed round (frame
 * intervals); see test/harness/chromium.ts for where Chromium is looked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import type { Agent } from '../src/shared/domain';
import { CHROMIUM_ARGS, findChromium } from '../test/harness/chromium';
import { makeCodexHome, type CodexHome } from '../test/harness/codex-home';
import { addFileStep, startModelServer, type ModelServer, type ScenarioStep } from '../test/harness/model-server';
import { cliEnv, runCli, startServe, type ServeProcess } from '../test/harness/serve-process';
import { makeTempRepo, type TempRepo } from '../test/harness/temp-repo';
import { countActivity } from './activity-log';
import { BareCodexAgent } from './bare-codex';
import { formatTable, medianOf, percentile, summarize, type BenchFigure } from './bench-figure';
import { frameIntervals, recordFrames } from './frame-recorder';
import { machineCpuSeconds, processCpu, rssBytes, runQueueWaitSeconds, treeCpuSeconds } from './proc-stats';

export type { BenchFigure };

function positiveIntFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function sizesFromEnv(name: string, fallback: number[]): number[] {
  const sizes = (process.env[name] ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length > 0 ? sizes : fallback;
}

const Bench = {
  /** The issue's figures: 6 agents, and 20 on the same machine. */
  Sizes: sizesFromEnv('SWITCHYARD_BENCH_AGENTS', [6, 20]),
  /** Each run measures every size: bare, through Switchyard, and through Switchyard with probes. */
  Runs: positiveIntFromEnv('SWITCHYARD_BENCH_RUNS', 2),
  /** How long the no-agent phase is sampled for (the WebSocket probes' and the core's idle baseline). */
  IdleSampleMs: 10_000,
  /** `switchyard status --json` and `node -e 0` calls, one at a time, in the idle phase. */
  IdleCliCalls: 10,
  /** Tool calls (edits with apply_patch through exec_command) per agent before its final reply. */
  Edits: 6,
  /** The scripted model's "thinking" before each answer, as a real model would take. */
  StepDelayMs: 1_500,
  /** Lines of the final reply, so every agent's terminal has some output. */
  ReplyLines: 30,
  /** WebSocket probes in the probed round: `repo.get` then `agents.list` every this many ms (back to back when slower). */
  ProbeEveryMs: 100,
  /** How often the bench reads the core's RSS and checks whether the agents are done. */
  SampleMs: 250,
  /**
   * Wait after the agents finished before reading their processes' CPU: the `Stop` hook that told
   * the core a turn ended may still be running, and its CPU counts only once Codex reaped it.
   */
  ReapMs: 1_000,
  /** Longest wait for the agents to finish one round. */
  RoundTimeoutMs: 15 * 60_000,
  Browser: process.env.SWITCHYARD_BENCH_BROWSER === '1',
  /** A 1440p screen: the grid gives each of 20 terminals about 54×17 cells. */
  Viewport: { width: 2560, height: 1440 },
} as const;

const BARE_LABEL = 'bare Codex (TUI in a pty)';
const APP_ROOT = path.resolve(__dirname, '..');
const MB = 1_000_000;

/** Terminal output without escape sequences, for error messages. */
const visibleText = (raw: string): string =>
  // eslint-disable-next-line no-control-regex -- escape sequences are control characters.
  raw.replace(/\x1b\[[0-9;?>]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const lastLines = (text: string, n = 15): string => text.trimEnd().split('\n').slice(-n).join('\n');

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

/** Repeats `probe` one call at a time (at most every `everyMs`) until stopped; returns each call's ms. */
function startLoop(probe: () => Promise<number[]>, everyMs: number): () => Promise<number[][]> {
  const samples: number[][] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      samples.push(await probe());
      await sleep(Math.max(0, everyMs - (performance.now() - start)));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return samples;
  };
}

/**
 * Runs `switchyard <args>` as a user's shell would (the build check of bin/switchyard.js
 * included: the environment has no SWITCHYARD_SKIP_BUILD) and times it, start to exit. Throws if
 * it fails, or if it rebuilt the app, which would make its time meaningless.
 */
async function switchyard(ctx: Pick<Context, 'userEnv'>, args: string[]): Promise<{ stdout: string; ms: number }> {
  const start = performance.now();
  const result = await runCli(ctx.userEnv, args);
  const ms = performance.now() - start;
  if (result.code !== 0) throw new Error(`switchyard ${args[0]} failed (${result.code}): ${result.stderr}`);
  if (result.stderr.includes('building the app')) throw new Error(`switchyard ${args[0]} rebuilt the app: run \`npm run build\` first`);
  return { stdout: result.stdout, ms };
}

const launchArgs = (ctx: Pick<Context, 'repo' | 'home'>, job: Job): string[] =>
  ['launch', '--repo', ctx.repo.dir, '--name', job.label, '--task', job.task, '--codex-home', ctx.home.dir, '--json'];

async function timeNode(): Promise<number> {
  const { execFile } = await import('node:child_process');
  const start = performance.now();
  await new Promise((resolve, reject) => execFile(process.execPath, ['-e', '0'], (error) => (error ? reject(error) : resolve(null))));
  return performance.now() - start;
}

/** The serve process's CPU time, RSS and run-queue wait over a phase. */
interface CoreUsage {
  cpuSeconds: number;
  wallSeconds: number;
  cpuPercent: number;
  rssMean: number;
  rssPeak: number;
  /** ms per second the core's event loop was ready to run but waited for a core. */
  runQueueWaitMsPerS: number;
}

function startCoreUsage(pid: number): () => CoreUsage {
  const cpu0 = processCpu(pid).self;
  const wait0 = runQueueWaitSeconds(pid);
  const t0 = performance.now();
  const rss: number[] = [rssBytes(pid)];
  const timer = setInterval(() => rss.push(rssBytes(pid)), Bench.SampleMs);
  return () => {
    clearInterval(timer);
    rss.push(rssBytes(pid));
    const used = processCpu(pid).self - cpu0;
    const wall = (performance.now() - t0) / 1000;
    return {
      cpuSeconds: used,
      wallSeconds: wall,
      cpuPercent: (100 * used) / wall,
      rssMean: rss.reduce((a, b) => a + b, 0) / rss.length,
      rssPeak: Math.max(...rss),
      runQueueWaitMsPerS: (1000 * (runQueueWaitSeconds(pid) - wait0)) / wall,
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

/** The steps an agent plays: add its file, append to it Edits−1 times, then a long reply. */
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
  steps.push({ kind: 'message', text: `${reply.join('\n')}\n${finishedLine(label)}`, delayMs: Bench.StepDelayMs });
  return steps;
}

const finishedLine = (label: string): string => `${label} finished`;

interface Job {
  label: string;
  file: string;
  task: string;
}

function scriptJobs(ctx: Pick<Context, 'model'>, tag: string, count: number): Job[] {
  return Array.from({ length: count }, (_, i) => {
    const label = `${tag}-${i + 1}`;
    const file = `scale/${label}.txt`;
    ctx.model.script(label, agentScript(file, label));
    return { label, file, task: `edit ${file} [scenario:${label}]` };
  });
}

/** What one round cost and did; CPU in seconds. */
interface Round {
  /** From the first launch until every agent finished its task. */
  seconds: number;
  /** Busy CPU of the whole machine over the round (/proc/stat); in bare rounds less the idle serve's own. */
  machineCpu: number;
  /** CPU of the arm's own processes (see processCpuOfRound). */
  ownCpu: number;
  /** Σ of every Codex process's own CPU, read just before the agents are stopped. */
  codexSelf: number;
  /** Σ of CPU of the children each Codex waited for: hook processes and tool commands. */
  codexChildren: number;
  /** serve's own CPU plus the children it reaped (e.g. git) over the round; 0 bare. */
  coreCpu: number;
  /** The `switchyard` commands the bench ran (launch; status in the probed round); 0 bare. */
  cliCpu: number;
  launches: number;
  /** Tool results Codex sent back to the model, over all agents. */
  toolCalls: number;
  hookEvents: number;
  hooksByEvent: Record<string, number>;
  /** Agents whose file holds exactly their scripted edits. */
  landed: number;
  refused: number;
  core: CoreUsage | null;
  status: number[];
  repoGet: number[];
  agentsList: number[];
  frames: number[];
}

function toolCallsOf(ctx: Context, jobs: Job[]): number {
  return jobs.reduce((sum, job) => sum + (ctx.model.lastInput(job.label).match(/"type":"function_call_output"/g) ?? []).length, 0);
}

/** How many agents' files hold exactly their edits; prints what the others hold and the tool results they got. */
function countLanded(ctx: Context, jobs: Job[], repo: TempRepo): number {
  let landed = 0;
  for (const job of jobs) {
    const want = Array.from({ length: Bench.Edits }, (_, e) => `${job.label} edit ${e + 1}`).join('\n');
    const have = repo.exists(job.file) ? repo.read(job.file).trim() : '(missing)';
    if (have === want) {
      landed += 1;
      continue;
    }
    const outputs = ctx.model.lastInput(job.label).match(/"function_call_output"[^}]*"output":"(?:[^"\\]|\\.)*"/g) ?? [];
    // Reported (as a figure and here), not thrown: the load was real even if an edit did not land.
    console.log(`bench scale: ${job.file} holds ${JSON.stringify(have)}, not the ${Bench.Edits} scripted edits; Codex's tool results: ${outputs.join('\n')}`);
  }
  return landed;
}

/** The same agents with no Switchyard: each a bare interactive Codex in a pty, all started at once. */
async function bareRound(ctx: Context, tag: string, count: number): Promise<Round> {
  const jobs = scriptJobs(ctx, tag, count);
  const servePid = ctx.serve.child.pid!;
  const serve0 = treeCpuSeconds(servePid);
  const machine0 = machineCpuSeconds();
  const start = performance.now();
  const agents = jobs.map(
    (job) => new BareCodexAgent({ command: ctx.codex.command, repo: ctx.bareRepo.dir, task: job.task, env: ctx.codex.env, cols: ctx.codex.cols, rows: ctx.codex.rows }),
  );
  try {
    const deadline = Date.now() + Bench.RoundTimeoutMs;
    for (;;) {
      const texts = agents.map((a) => a.text());
      const ended = agents.findIndex((a) => a.exitInfo);
      if (ended >= 0) {
        throw new Error(`bare agent ${jobs[ended]!.label} exited (${JSON.stringify(agents[ended]!.exitInfo)}) before finishing. Its terminal:\n${lastLines(texts[ended]!)}`);
      }
      if (texts.every((text, i) => text.includes(finishedLine(jobs[i]!.label)))) break;
      if (Date.now() > deadline) throw new Error(`bare agents did not finish in ${Bench.RoundTimeoutMs / 1000} s`);
      await sleep(Bench.SampleMs);
    }
    const seconds = (performance.now() - start) / 1000;
    const machine1 = machineCpuSeconds();
    await sleep(Bench.ReapMs);
    const codex = agents.map((a) => processCpu(a.pid));
    const codexSelf = codex.reduce((s, c) => s + c.self, 0);
    const codexChildren = codex.reduce((s, c) => s + c.children, 0);
    const ownCpu = agents.reduce((s, a) => s + treeCpuSeconds(a.pid), 0);
    // serve idles through this round; what it spent is not the bare agents' cost.
    const idleServe = treeCpuSeconds(servePid) - serve0;
    return {
      seconds,
      machineCpu: machine1.busy - machine0.busy - idleServe,
      ownCpu,
      codexSelf,
      codexChildren,
      coreCpu: 0,
      cliCpu: 0,
      launches: 0,
      toolCalls: toolCallsOf(ctx, jobs),
      hookEvents: 0,
      hooksByEvent: {},
      landed: countLanded(ctx, jobs, ctx.bareRepo),
      refused: 0,
      core: null,
      status: [],
      repoGet: [],
      agentsList: [],
      frames: [],
    };
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
  }
}

/**
 * The same agents through Switchyard: `switchyard launch` for each, one after another as a
 * script would, then waits until every one is idle after its task. `probed` adds the latency
 * probes (status CLI back to back, WebSocket probes, the page) whose own cost would otherwise
 * fall on the CPU and time figures.
 */
async function switchyardRound(ctx: Context, tag: string, count: number, probed: boolean): Promise<Round> {
  const jobs = scriptJobs(ctx, tag, count);
  const servePid = ctx.serve.child.pid!;
  const stopCore = startCoreUsage(servePid);
  const serveTree0 = treeCpuSeconds(servePid);
  const serve0 = processCpu(servePid);
  const bench0 = processCpu('self');
  const machine0 = machineCpuSeconds();
  const stopStatus = probed ? startLoop(async () => [(await switchyard(ctx, ['status', '--json', '--repo', ctx.repo.dir])).ms], 0) : null;
  const stopWs = probed
    ? startLoop(async () => [(await ctx.probeClient.invoke('repo.get', {})).ms, (await ctx.probeClient.invoke('agents.list', {})).ms], Bench.ProbeEveryMs)
    : null;
  const stopFrames = probed ? await recordFrameIntervals(ctx.page) : null;
  if (probed) await showLayout(ctx.page, 'Tabs');
  const start = performance.now();
  const ids: string[] = [];
  try {
    for (const job of jobs) {
      ids.push((JSON.parse((await switchyard(ctx, launchArgs(ctx, job))).stdout) as { id: string }).id);
    }
    const mine = await waitForSwitchyardAgents(ctx, ids, probed ? () => showLayout(ctx.page, 'Grid') : async () => {});
    const seconds = (performance.now() - start) / 1000;
    const machine1 = machineCpuSeconds();
    await sleep(Bench.ReapMs);
    const codex = mine.map((a) => (a.pid ? processCpu(a.pid) : { self: 0, children: 0 }));
    const serve1 = processCpu(servePid);
    const bench1 = processCpu('self');
    const ownServe = treeCpuSeconds(servePid) - serveTree0;
    const frames = stopFrames ? await stopFrames() : [];
    const ws = stopWs ? (await stopWs()).flat() : [];
    const status = stopStatus ? (await stopStatus()).flat() : [];
    const cliCpu = bench1.children - bench0.children;
    const activity = countActivity(ctx.repo.dir, new Set(ids));
    if (activity.hookTotal === 0) console.log(`bench scale: ${tag}: the activity log has no hook events for these agents; the per-event figures are left out`);
    if (activity.refused > 0) console.log(`bench scale: ${tag}: the gate refused ${activity.refused} writes: ${[...new Set(activity.reasons)].join(' | ')}`);
    return {
      seconds,
      machineCpu: machine1.busy - machine0.busy,
      ownCpu: ownServe + cliCpu,
      codexSelf: codex.reduce((s, c) => s + c.self, 0),
      codexChildren: codex.reduce((s, c) => s + c.children, 0),
      coreCpu: serve1.self - serve0.self + serve1.children - serve0.children,
      cliCpu,
      launches: jobs.length,
      toolCalls: toolCallsOf(ctx, jobs),
      hookEvents: activity.hookTotal,
      hooksByEvent: activity.hooks,
      landed: countLanded(ctx, jobs, ctx.repo),
      refused: activity.refused,
      core: stopCore(),
      status,
      repoGet: ws.filter((_, i) => i % 2 === 0),
      agentsList: ws.filter((_, i) => i % 2 === 1),
      frames,
    };
  } catch (error) {
    // Stop the probes before reporting; a probe's last command may never be answered.
    void stopStatus?.();
    void stopWs?.();
    try {
      stopCore();
    } catch {
      // The serve process has exited.
    }
    throw error;
  } finally {
    await ctx.control.invoke('agents.stopAll', { force: false }).catch(() => {});
  }
}

/** Polls the agents until every one is idle after a completed turn; throws if one ended first. */
async function waitForSwitchyardAgents(ctx: Pick<Context, 'control'>, ids: string[], allStarted: () => Promise<void>): Promise<Agent[]> {
  const deadline = Date.now() + Bench.RoundTimeoutMs;
  let started = false;
  for (;;) {
    const { value } = await ctx.control.invoke('agents.list', {});
    const mine = (value as { agents: Agent[] }).agents.filter((a) => ids.includes(a.id));
    const ended = mine.find((a) => ['exited', 'failed', 'stopped'].includes(a.status));
    if (ended) {
      const { value: history } = await ctx.control.invoke('terminal.history', { id: ended.id });
      throw new Error(`agent ${ended.name} ended (${ended.status}: ${ended.detail ?? 'no detail'}) before finishing its task. Its terminal:\n${lastLines(visibleText((history as { data: string }).data))}`);
    }
    if (!started && mine.length === ids.length && mine.every((a) => !['queued', 'starting'].includes(a.status))) {
      started = true;
      await allStarted();
    }
    if (mine.length === ids.length && mine.every((a) => a.status === 'finished' && a.completedTurns >= 1)) return mine;
    if (Date.now() > deadline) throw new Error(`after ${Bench.RoundTimeoutMs / 1000} s: ${mine.map((a) => `${a.name}=${a.status}/${a.completedTurns}`).join(' ')}`);
    await sleep(Bench.SampleMs);
  }
}

/** The core with no agent: its CPU and the probes' round trips, and the CLI against a bare `node -e 0`. */
interface Idle {
  core: CoreUsage;
  repoGet: number[];
  agentsList: number[];
  frames: number[];
  status: number[];
  node: number[];
}

async function idlePhase(ctx: Context): Promise<Idle> {
  const stopCore = startCoreUsage(ctx.serve.child.pid!);
  const stopWs = startLoop(async () => [(await ctx.probeClient.invoke('repo.get', {})).ms, (await ctx.probeClient.invoke('agents.list', {})).ms], Bench.ProbeEveryMs);
  const stopFrames = await recordFrameIntervals(ctx.page);
  await sleep(Bench.IdleSampleMs);
  const frames = await stopFrames();
  const ws = (await stopWs()).flat();
  const core = stopCore();
  const status: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < Bench.IdleCliCalls; i++) {
    node.push(await timeNode());
    status.push((await switchyard(ctx, ['status', '--json', '--repo', ctx.repo.dir])).ms);
  }
  return { core, repoGet: ws.filter((_, i) => i % 2 === 0), agentsList: ws.filter((_, i) => i % 2 === 1), frames, status, node };
}

/**
 * How Switchyard ran Codex, read from its process, so the bare arm runs the very same binary with
 * the same environment and terminal size whatever Switchyard's choice of Codex is.
 */
interface CodexUnderTest {
  /** The executable (resolved from /proc/<pid>/exe) and the arguments before Codex's own options. */
  command: string[];
  /** The managed agent's environment less Switchyard's own variables (agent id, control socket). */
  env: Record<string, string>;
  cols: number;
  rows: number;
}

function codexUnderTest(pid: number, cols: number, rows: number): CodexUnderTest {
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  // Codex's own arguments begin with the first option; before it are the executable and, for a
  // Node wrapper, its script.
  const firstOption = argv.findIndex((arg, i) => i > 0 && arg.startsWith('-'));
  const prefix = argv.slice(0, firstOption > 0 ? firstOption : 1);
  const env = Object.fromEntries(
    fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter((entry) => entry.includes('=') && !entry.startsWith('SWITCHYARD_'))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  return { command: [fs.readlinkSync(`/proc/${pid}/exe`), ...prefix.slice(1)], env, cols, rows };
}

interface Context {
  serve: ServeProcess;
  /** The `switchyard` commands' environment: the serve's runtime directory, as a user's shell has it. */
  userEnv: NodeJS.ProcessEnv;
  model: ModelServer;
  home: CodexHome;
  /** The repository Switchyard serves. */
  repo: TempRepo;
  /** The bare agents' repository, made the same way: one serve does not watch, so it idles through the bare rounds. */
  bareRepo: TempRepo;
  codex: CodexUnderTest;
  /** Launch and poll. */
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

/**
 * One unmeasured agent through Switchyard: loads the core's code and the Codex binary from disk,
 * and tells which binary and terminal size Switchyard uses, for the bare arm to copy.
 */
async function warmUp(ctx: Omit<Context, 'codex'>): Promise<CodexUnderTest> {
  const [job] = scriptJobs(ctx, 'warmup', 1);
  const id = (JSON.parse((await switchyard(ctx, launchArgs(ctx, job!))).stdout) as { id: string }).id;
  try {
    const [agent] = await waitForSwitchyardAgents(ctx, [id], async () => {});
    return codexUnderTest(agent!.pid!, agent!.cols, agent!.rows);
  } finally {
    await ctx.control.invoke('agents.stopAll', { force: false });
  }
}

interface SizeResults {
  bare: Round[];
  switchyard: Round[];
  probed: Round[];
}

function sizeFigures(n: number, r: SizeResults, idle: Idle[]): BenchFigure[] {
  const { bare, switchyard: sy, probed } = r;
  const base = (pick: (x: Round) => number): { name: string; samples: number[] } => ({ name: `${n} ${BARE_LABEL}`, samples: bare.map(pick) });
  const p = (rounds: Round[], pick: (x: Round) => number[], q: number): number[] => rounds.map((x) => percentile(pick(x), q));
  const idleCore = (i: number): CoreUsage => idle[Math.min(i, idle.length - 1)]!.core;
  const codexChildrenBare = medianOf(bare.map((x) => x.codexChildren));
  // NaN (not a division by zero) when the activity log recorded no hook event.
  const perEvent = (x: Round, value: number): number => (x.hookEvents > 0 ? value / x.hookEvents : Number.NaN);
  const ownBare = medianOf(bare.map((x) => x.ownCpu));
  const figures: BenchFigure[] = [
    summarize(`${n} agents: agents whose edits all landed`, 'agents', sy.map((x) => x.landed), base((x) => x.landed)),
    summarize(`${n} agents: writes the gate refused`, 'writes', sy.map((x) => x.refused)),
    summarize(`${n} agents: time until all finished`, 's', sy.map((x) => x.seconds), base((x) => x.seconds)),
    summarize(`${n} agents: machine CPU (all processes)`, 'CPU-s', sy.map((x) => x.machineCpu), base((x) => x.machineCpu)),
    summarize(`${n} agents: CPU of the run's own processes`, 'CPU-s', sy.map((x) => x.ownCpu), base((x) => x.ownCpu)),
    summarize(`${n} agents: Codex processes' own CPU`, 'CPU-s', sy.map((x) => x.codexSelf), base((x) => x.codexSelf)),
    summarize(`${n} agents: CPU of Codex's children (hooks, tool commands)`, 'CPU-s', sy.map((x) => x.codexChildren), base((x) => x.codexChildren)),
    summarize(`${n} agents: core (serve) CPU incl. its git children`, 'CPU-s', sy.map((x) => x.coreCpu)),
    summarize(`${n} agents: CPU per \`switchyard launch\``, 'CPU-s', sy.map((x) => x.cliCpu / Math.max(1, x.launches))),
    summarize(`${n} agents: hook events per tool call`, 'events', sy.map((x) => (x.hookEvents > 0 ? x.hookEvents / x.toolCalls : Number.NaN))),
    // Codex waits for its hook processes, so their CPU lands in its children's; bare Codex's children are the tool commands alone.
    summarize(`${n} agents: hook CPU per event (Codex's children, Switchyard − bare, / events)`, 'ms', sy.map((x) => perEvent(x, 1000 * (x.codexChildren - codexChildrenBare)))),
    summarize(`${n} agents: all of Switchyard's extra CPU per hook event (own processes − bare, / events)`, 'ms', sy.map((x) => perEvent(x, 1000 * (x.ownCpu - ownBare)))),
    summarize(`${n} agents: core CPU while they run`, '% of a core', sy.map((x) => x.core!.cpuPercent), { name: 'no agent', samples: idle.map((x) => x.core.cpuPercent) }),
    summarize(`${n} agents: core CPU per agent task (less idle)`, 'ms', sy.map((x, i) => (1000 * (x.core!.cpuSeconds - (idleCore(i).cpuPercent / 100) * x.core!.wallSeconds)) / n)),
    summarize(`${n} agents: core event loop's wait for a CPU`, 'ms/s', sy.map((x) => x.core!.runQueueWaitMsPerS), { name: 'no agent', samples: idle.map((x) => x.core.runQueueWaitMsPerS) }),
    summarize(`${n} agents: core RSS peak`, 'MB', sy.map((x) => x.core!.rssPeak / MB), { name: 'no agent', samples: idle.map((x) => x.core.rssMean / MB) }),
    summarize(`${n} agents: core RSS growth per agent`, 'MB', sy.map((x, i) => (x.core!.rssPeak - idleCore(i).rssMean) / MB / n)),
    summarize(`${n} agents: \`switchyard status --json\` p50 while they work`, 'ms', p(probed, (x) => x.status, 50), { name: 'idle', samples: idle.map((x) => percentile(x.status, 50)) }),
    summarize(`${n} agents: \`switchyard status --json\` p95 while they work`, 'ms', p(probed, (x) => x.status, 95), { name: 'idle', samples: idle.map((x) => percentile(x.status, 95)) }),
    summarize(`${n} agents: repo.get round trip p50 while they work`, 'ms', p(probed, (x) => x.repoGet, 50), { name: 'no agent', samples: idle.map((x) => percentile(x.repoGet, 50)) }),
    summarize(`${n} agents: repo.get round trip p95 while they work`, 'ms', p(probed, (x) => x.repoGet, 95), { name: 'no agent', samples: idle.map((x) => percentile(x.repoGet, 95)) }),
    summarize(`${n} agents: agents.list round trip p95 while they work`, 'ms', p(probed, (x) => x.agentsList, 95), { name: 'no agent', samples: idle.map((x) => percentile(x.agentsList, 95)) }),
    summarize(`${n} agents with probes: time until all finished`, 's', probed.map((x) => x.seconds), base((x) => x.seconds)),
  ];
  if (probed.some((x) => x.frames.length > 0)) {
    figures.push(
      summarize(`${n} agents: UI frame interval p50 (grid once started)`, 'ms', p(probed, (x) => x.frames, 50), { name: 'no agent', samples: idle.map((x) => percentile(x.frames, 50)) }),
      summarize(`${n} agents: UI frame interval p95 (grid once started)`, 'ms', p(probed, (x) => x.frames, 95), { name: 'no agent', samples: idle.map((x) => percentile(x.frames, 95)) }),
    );
  }
  return figures;
}

function idleFigures(idle: Idle[]): BenchFigure[] {
  return [
    summarize('`switchyard status --json` p50, idle', 'ms', idle.map((x) => percentile(x.status, 50)), { name: '`node -e 0`', samples: idle.map((x) => percentile(x.node, 50)) }),
    summarize('`switchyard status --json` p95, idle', 'ms', idle.map((x) => percentile(x.status, 95)), { name: '`node -e 0`', samples: idle.map((x) => percentile(x.node, 95)) }),
  ];
}

function logRound(run: number, n: number, arm: string, r: Round): void {
  const hooks = Object.entries(r.hooksByEvent).map(([event, count]) => `${event} ${count}`).join(', ');
  console.log(
    `bench scale: run ${run}, ${n} agents, ${arm}: ${r.seconds.toFixed(1)} s, machine ${r.machineCpu.toFixed(1)} CPU-s, own ${r.ownCpu.toFixed(1)} CPU-s ` +
      `(Codex ${r.codexSelf.toFixed(1)}, its children ${r.codexChildren.toFixed(1)}, core ${r.coreCpu.toFixed(1)}, CLI ${r.cliCpu.toFixed(1)}), ` +
      `${r.toolCalls} tool calls, ${r.hookEvents} hook events${hooks ? ` (${hooks})` : ''}, landed ${r.landed}/${n}, refused ${r.refused}` +
      (r.status.length ? `, status p50 ${percentile(r.status, 50).toFixed(0)} ms over ${r.status.length}` : ''),
  );
}

export async function runScaleBench(): Promise<BenchFigure[]> {
  if (process.platform !== 'linux') throw new Error('The scale suite reads /proc: Linux only.');
  if (!fs.existsSync(path.join(APP_ROOT, 'out', 'main', 'cli.js'))) throw new Error('Run `npm run build` first.');
  const executablePath = Bench.Browser ? findChromium() : null;
  if (Bench.Browser && !executablePath) console.log('bench scale: no Chromium found; frame intervals are skipped');

  const model = await startModelServer();
  const home = makeCodexHome(model.baseUrl);
  const repo = makeTempRepo();
  const bareRepo = makeTempRepo();
  const env = cliEnv(home.env);
  let serve: ServeProcess | null = null;
  let browser: Browser | null = null;
  const clients: Client[] = [];
  try {
    serve = await startServe(repo.dir, env);
    const control = await connect(serve);
    const probeClient = await connect(serve);
    clients.push(control, probeClient);
    // The default queue runs 4 at once; the point here is all of them at once, like the bare arm.
    await control.invoke('settings.set', { maxConcurrent: Math.max(...Bench.Sizes, 4) });
    browser = executablePath ? await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }) : null;
    const page = browser ? await openPage(browser, serve) : null;
    const { SWITCHYARD_SKIP_BUILD: _skip, ...userEnv } = env;
    const partial = { serve, userEnv, model, home, repo, bareRepo, control, probeClient, page };
    const codex = await warmUp(partial);
    const ctx: Context = { ...partial, codex };
    console.log(`bench scale: Codex ${codex.command.join(' ')}, ${codex.cols}×${codex.rows}; sizes ${Bench.Sizes.join(', ')}; ${Bench.Runs} runs`);
    // The bare arm's first start reads its share of the binary too.
    await bareRound(ctx, 'warmup-bare', 1);
    await sleep(2_000);

    const idle: Idle[] = [];
    const results = new Map<number, SizeResults>(Bench.Sizes.map((n) => [n, { bare: [], switchyard: [], probed: [] }]));
    for (let run = 1; run <= Bench.Runs; run++) {
      idle.push(await idlePhase(ctx));
      for (const n of Bench.Sizes) {
        const r = results.get(n)!;
        // Alternate which arm goes first, so drift in the machine's load does not favour one.
        const arms: Array<['bare' | 'switchyard', () => Promise<Round>]> = [
          ['bare', () => bareRound(ctx, `r${run}-n${n}-bare`, n)],
          ['switchyard', () => switchyardRound(ctx, `r${run}-n${n}-sy`, n, false)],
        ];
        if (run % 2 === 0) arms.reverse();
        for (const [arm, go] of arms) {
          const round = await go();
          r[arm].push(round);
          logRound(run, n, arm, round);
          await sleep(2_000);
        }
        r.probed.push(await switchyardRound(ctx, `r${run}-n${n}-probed`, n, true));
        logRound(run, n, 'switchyard with probes', r.probed.at(-1)!);
        await sleep(2_000);
      }
    }
    return [...idleFigures(idle), ...Bench.Sizes.flatMap((n) => sizeFigures(n, results.get(n)!, idle))];
  } finally {
    for (const client of clients) client.close();
    await browser?.close();
    await serve?.stop();
    await model.close();
    home.remove();
    repo.remove();
    bareRepo.remove();
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
