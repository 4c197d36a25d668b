/**
 * What one hook event costs the machine: the native hook client against the Node one
 * (out/main/hook.js), each run as Codex 0.169 runs it (`bash -c '<client> codex-pre-tool-use'`,
 * the payload on stdin), against a control server in this process that allows at once.
 *
 * CPU is the children's user + system time from /proc/self/stat (cutime + cstime: the bash and
 * the client it execs, once reaped), over a batch of events and divided by the batch, because
 * the kernel counts it in 10 ms ticks. Wall is per event, spawn to exit. Needs `npm run build`
 * and Linux.
 *
 * Run directly: `npx tsx bench/hook-bench.ts`. `runHookBench()` returns the figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startControlServer } from '../src/core/control/control-server';
import { nativeHookClientPath } from '../src/core/gate/hook-command-line';
import { createRouter } from '../src/core/router';
import { summarize, type BenchFigure } from './bench-figure';

const APP_ROOT = path.resolve(__dirname, '..');
/** Batches per client; the median batch is quoted. */
const BATCHES = 5;
const NATIVE_EVENTS_PER_BATCH = 60;
const NODE_EVENTS_PER_BATCH = 8;
const CLOCK_TICKS_PER_SECOND = 100;

const PAYLOAD = JSON.stringify({
  session_id: 's',
  cwd: '/tmp',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command: 'echo hi > a.txt' },
  tool_use_id: 'call_1',
});

/** CPU seconds of this process's reaped children so far. */
function childrenCpuSeconds(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; cutime, cstime are 16, 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND;
}

function runEvent(commandLine: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/bin/bash', ['-c', commandLine], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${commandLine} exited with ${code}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
    child.stdin.end(PAYLOAD);
  });
}

async function measure(commandLine: string, env: NodeJS.ProcessEnv, perBatch: number): Promise<{ cpuMs: number[]; wallMs: number[] }> {
  await runEvent(commandLine, env); // warm-up: page cache, the client's first start
  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const before = childrenCpuSeconds();
    for (let i = 0; i < perBatch; i++) wallMs.push(await runEvent(commandLine, env));
    cpuMs.push(((childrenCpuSeconds() - before) * 1000) / perBatch);
  }
  return { cpuMs, wallMs };
}

export async function runHookBench(): Promise<BenchFigure[]> {
  if (process.platform !== 'linux') throw new Error('the hook bench reads /proc: Linux only');
  const native = nativeHookClientPath(APP_ROOT);
  const nodeHook = path.join(APP_ROOT, 'out', 'main', 'hook.js');
  for (const file of [native, nodeHook]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hook-bench-'));
  const socket = path.join(dir, 'control.sock');
  const server = await startControlServer(createRouter({} as never), socket, { hooks: () => ({ decision: 'allow' }) });
  const env = {
    PATH: process.env.PATH ?? '',
    // bash reads ~/.bashrc when its stdin is a socket, as Node's pipes are: an empty HOME keeps that out.
    HOME: dir,
    SWITCHYARD_AGENT_ID: 'bench-agent',
    SWITCHYARD_CONTROL_SOCKET: socket,
    SWITCHYARD_HOOK_TOKEN: 'ab'.repeat(16),
  };
  try {
    const c = await measure(`${native} codex-pre-tool-use`, env, NATIVE_EVENTS_PER_BATCH);
    const n = await measure(`${process.execPath} ${nodeHook} codex-pre-tool-use`, env, NODE_EVENTS_PER_BATCH);
    const nodeName = 'Node hook client (bash -c)';
    return [
      summarize('hook event CPU, native client (bash -c)', 'ms', c.cpuMs, { name: nodeName, samples: n.cpuMs }),
      summarize('hook event wall, native client (bash -c)', 'ms', c.wallMs, { name: nodeName, samples: n.wallMs }),
    ];
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runHookBench().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.median.toFixed(2)} ${f.unit} (node: ${f.baseline?.median.toFixed(2)} ${f.unit}, ratio ${f.ratio?.toFixed(3)})`);
  });
}
