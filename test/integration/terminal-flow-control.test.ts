/**
 * Flow control end to end in Node: a real node-pty child that floods its terminal, the real
 * core, router and WebSocket host, and two WebSocket clients acting as views. The child stands
 * in for Codex (a `node` script given as the Codex binary) so the flood is ours to control.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HISTORY_MAX_CHARS } from '../../src/core/agents/supervised-agent';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import { FlowControl } from '../../src/core/terminals/flow-control';
import { OutputBatch } from '../../src/core/terminals/output-batcher';
import { startHost, type RunningHost } from '../../src/host/host-server';
import { LiveOutputGate, type OutputChunk } from '../../src/shared/terminal-stream';
import { waitFor } from '../harness/processes';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/**
 * What may still arrive after the pty is paused: the chunk that crossed the mark, the batch
 * being gathered and the read already in flight (each at most about one batch).
 */
const PAUSE_SLACK_CHARS = 4 * OutputBatch.MaxChars;
/** Long enough to see that output has stopped (the flood writes megabytes per second). */
const QUIET_MS = 400;

/** The "Codex" both agents run: the last argument (the task) says whether to flood or echo. */
const FAKE_CODEX = `#!${process.execPath}
const task = process.argv[process.argv.length - 1];
if (task === 'flood') {
  const block = ('flood ' + 'x'.repeat(72) + '\\r\\n').repeat(200);
  // Writes to a tty are synchronous: once the paused pty's buffer is full, this blocks.
  for (;;) process.stdout.write(block);
} else {
  process.stdin.setRawMode(true);
  process.stdin.on('data', (d) => process.stdout.write('echo:' + d.toString()));
  process.stdout.write('echo ready\\r\\n');
}
`;

/** One WebSocket client showing one agent's terminal, acking what it got when told to. */
class View {
  /** Characters of the agent's output received since the snapshot. */
  received = 0;
  acked = 0;
  autoAck = false;
  text = '';
  /** As in the renderer: output that arrives before the snapshot waits for it. */
  private readonly gate = new LiveOutputGate();
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(
    readonly ws: WebSocket,
    private readonly agentId: string,
  ) {
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as {
        type: string;
        id?: number;
        result?: unknown;
        name?: string;
        payload?: { id: string; seq: number; data: string };
      };
      if (message.type === 'result') {
        this.pending.get(message.id!)?.(message.result);
        return;
      }
      const chunk = message.payload;
      if (message.name === 'terminal.data' && chunk?.id === this.agentId && this.gate.offer(chunk) === 'write') this.take(chunk);
    });
  }

  private take(chunk: OutputChunk): void {
    this.text = (this.text + chunk.data).slice(-10_000);
    this.received += chunk.data.length;
    if (this.autoAck) this.ackAll();
  }

  static async open(url: string, agentId: string): Promise<View> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const view = new View(ws, agentId);
    // Asking for the snapshot is what makes this client a view flow control counts.
    const result = (await view.invoke('terminal.history', { id: agentId })) as { value: { seq: number; data: string } };
    view.text = result.value.data;
    for (const chunk of view.gate.open(result.value.seq).fresh) view.take(chunk);
    return view;
  }

  invoke(name: string, input: object): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
    });
  }

  ackAll(): void {
    const chars = this.received - this.acked;
    if (chars <= 0) return;
    this.acked = this.received;
    void this.invoke('terminal.ack', { id: this.agentId, chars });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Waits until `count()` has not changed for QUIET_MS and returns where it settled. */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  let since = Date.now();
  return waitFor(
    () => {
      const now = count();
      if (now !== last) [last, since] = [now, Date.now()];
      return Date.now() - since >= QUIET_MS ? now + 1 : null;
    },
    'output to stop arriving',
    30_000,
    50,
  ).then((value) => value - 1);
}

describe('terminal flow control with a real pty', () => {
  let repo: TempRepo;
  let codexDir: string;
  let core: Orchestrator;
  let host: RunningHost;
  let flood: string;
  let echo: string;
  let url: string;

  beforeAll(async () => {
    repo = makeTempRepo();
    codexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-fake-codex-'));
    const codexPath = path.join(codexDir, 'codex');
    fs.writeFileSync(codexPath, FAKE_CODEX, { mode: 0o755 });
    // No app roots: the project's own Codex is not found, so the configured one runs.
    core = new Orchestrator({ appRoots: [], codexPath, env: process.env });
    await core.openRepo(repo.dir);
    host = await startHost({
      router: createRouter(orchestratorHandlers(core)),
      events: core.events,
      terminals: core.terminalViews,
      staticDir: null,
    });
    url = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
    flood = core.launch({ name: 'flood', task: 'flood' }).id;
    echo = core.launch({ name: 'echo', task: 'echo' }).id;
  });
  afterAll(async () => {
    await host?.close();
    await core?.dispose(true);
    repo?.remove();
    fs.rmSync(codexDir, { recursive: true, force: true });
  });

  it('pauses the pty at the high-water mark, resumes on acks, and a view leaving does not keep it paused', async () => {
    const main = await View.open(url, flood);

    // No acks: output stops once about the high-water mark is unacknowledged.
    await waitFor(() => main.received > FlowControl.HighWatermarkChars, 'the flood to reach the view');
    const plateau = await settled(() => main.received);
    expect(plateau).toBeGreaterThan(FlowControl.HighWatermarkChars);
    expect(plateau).toBeLessThan(FlowControl.HighWatermarkChars + PAUSE_SLACK_CHARS);

    // A paused agent holds back only itself: the other agent still answers at once.
    const echoView = await View.open(url, echo);
    await waitFor(() => echoView.text.includes('echo ready'), 'the echo agent to start');
    await echoView.invoke('terminal.input', { id: echo, data: 'ping-while-paused' });
    await waitFor(() => echoView.text.includes('echo:ping-while-paused'), 'the echo while the flood is paused');
    expect(main.received).toBe(plateau);

    // Acks resume it; a view that keeps acking keeps it flowing.
    main.autoAck = true;
    main.ackAll();
    await waitFor(() => main.received > plateau + 10 * FlowControl.HighWatermarkChars, 'the flood to resume on acks');

    // A second view that shows the agent but never acks holds it paused for everyone...
    const silent = await View.open(url, flood);
    await waitFor(() => silent.received > FlowControl.HighWatermarkChars, 'the flood to reach the second view');
    const heldBySilent = await settled(() => main.received);
    expect(silent.received).toBeLessThan(FlowControl.HighWatermarkChars + PAUSE_SLACK_CHARS);

    // ...until it disconnects: then its count is dropped and the flood goes on.
    await silent.close();
    await waitFor(() => main.received > heldBySilent + 10 * FlowControl.HighWatermarkChars, 'the flood to resume after the silent view left');

    // The core's own copy stays bounded however much went by.
    expect(core.history(flood).length).toBeLessThanOrEqual(HISTORY_MAX_CHARS);
    await main.close();
    await echoView.close();
  });

  it('gives a view that joins mid-flood the current screen, numbered so live output continues it', async () => {
    const late = await View.open(url, flood);
    const snapshot = (await late.invoke('terminal.history', { id: flood })) as {
      value: { data: string; seq: number; cols: number; rows: number };
    };
    expect(snapshot.value.seq).toBeGreaterThan(0);
    expect(snapshot.value.data).toContain('flood xxxx');
    expect([snapshot.value.cols, snapshot.value.rows]).toEqual([120, 32]);
    await late.close();
  });
});
