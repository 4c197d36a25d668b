/**
 * Where the page's time goes during a terminal flood: a V8 CPU profile of the page (through the
 * DevTools protocol) while one agent floods through the pipeline, and another while xterm.js alone
 * writes the same amount, each summed by function (self time) and by script. A diagnostic for the
 * terminal suite's throughput figure, not a benchmark: profiling slows the page.
 *
 *   npm run build && npx tsx bench/terminal-profile.ts [MB]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/harness/chromium';
import { Bench, ceilingThroughput, contractClient, startBenchHost, waitForText } from './terminal-bench';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function and per script, in ms, from a V8 CPU profile. */
function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const script = frame.url ? path.basename(frame.url.split('?')[0]!) : `(${frame.functionName || 'native'})`;
    const name = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    total += ms;
  }
  const rows = (map: Map<string, number>, n: number): string =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  return `total ${total.toFixed(0)} ms\nby script:\n${rows(byScript, 8)}\nby function (self):\n${rows(byFunction, top)}`;
}

async function profiled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return { result, profile };
}

async function main(): Promise<void> {
  const chars = Number(process.argv[2] ?? 20) * 1_000_000;
  const host = await startBenchHost();
  const browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS, headless: true });
  try {
    const invoke = await contractClient(host);
    const flood = ((await invoke('agents.launch', { name: 'flood', task: 'flood' })) as { id: string }).id;
    const context = await browser.newContext({ bypassCSP: true, viewport: Bench.Viewport });
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page: Page = await context.newPage();
    await page.goto(`${host.url}&renderer=dom`);
    await waitForText(page, flood, 'flood ready', 30_000);
    await page.addScriptTag({ path: require.resolve('@xterm/xterm/lib/xterm.js') });
    const cdp = await context.newCDPSession(page);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-profile-'));

    // The fake Codex floods Bench.FloodChars per keystroke; profile the first `chars` of it.
    const start = performance.now();
    const pipeline = await profiled(cdp, async () => {
      await invoke('terminal.input', { id: flood, data: 'f' });
      await waitForText(page, flood, 'FLOOD-END-1');
    });
    const seconds = (performance.now() - start) / 1000;
    fs.writeFileSync(path.join(out, 'pipeline.cpuprofile'), JSON.stringify(pipeline.profile));
    console.log(`pipeline: ${(Bench.FloodChars / 1e6 / seconds).toFixed(1)} MB/s (profiled)\n${summarize(pipeline.profile)}\n`);

    const { cols, rows } = ((await invoke('agents.list', {})) as { agents: Array<{ cols: number; rows: number }> }).agents[0]!;
    const ceiling = await profiled(cdp, () => ceilingThroughput(page, { cols, rows }));
    fs.writeFileSync(path.join(out, 'ceiling.cpuprofile'), JSON.stringify(ceiling.profile));
    console.log(`xterm.js alone: ${(ceiling.result / 1e6).toFixed(1)} MB/s (profiled)\n${summarize(ceiling.profile)}`);
    console.log(`\nprofiles (open in Chromium DevTools): ${out}`);
    void chars;
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
  }
}

void main();
