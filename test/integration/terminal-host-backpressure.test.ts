/**
 * Per-client backpressure in the WebSocket host: a client is sent an agent's output only while it
 * shows that agent (then flow control bounds the flood, and dropping output would corrupt its
 * screen); a host without flow control does not buffer a flood for a client that stopped reading
 * without bound.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import { Orchestrator } from '../../src/core/orchestrator';
import type { TerminalViews } from '../../src/core/terminals/terminal-sessions';
import type { EventName } from '../../src/shared/contract';
import { ClientBackpressure, startHost, type RunningHost } from '../../src/host/host-server';

const CHUNK = 'x'.repeat(1_000_000);
const CHUNKS = 40;
/** Generous room for what Linux's loopback send and receive buffers accept on their own. */
const KERNEL_SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;

/** The core's events, driven by the test. */
class FakeEvents {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  on(name: EventName, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set.add(listener));
    return () => set.delete(listener);
  }
  emit(name: EventName, payload: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }
}

/** A WebSocket client that does the handshake and then stops reading, like a stalled tab. */
function stalledClient(host: RunningHost): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      path: `/ws?token=${host.token}`,
      headers: {
        host: `127.0.0.1:${host.port}`,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
      },
    });
    req.once('upgrade', (_res, socket) => {
      socket.pause();
      resolve(socket);
    });
    req.once('error', reject);
    req.end();
  });
}

/**
 * How long the stream must stay silent before it counts as drained. A loaded machine can pause
 * the host for a second or more mid-flood, which a shorter wait would mistake for the end.
 */
const QUIET_MS = 4_000;

/** Resumes reading and counts the bytes that arrive until the stream goes quiet. */
function drain(socket: Duplex): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    let timer = setTimeout(() => resolve(bytes), QUIET_MS);
    socket.on('data', (data: Buffer) => {
      bytes += data.length;
      clearTimeout(timer);
      timer = setTimeout(() => resolve(bytes), QUIET_MS);
    });
    socket.resume();
  });
}

describe('per-client backpressure in the host', () => {
  const events = new FakeEvents();
  let core: Orchestrator;
  /** With flow control: the second client to connect shows the agent; the first does not. */
  let host: RunningHost;
  /** Without flow control (no `terminals`): every client is sent every agent's output. */
  let bareHost: RunningHost;

  beforeAll(async () => {
    core = new Orchestrator({ appRoots: [] });
    const router = createRouter(orchestratorHandlers(core));
    const views: TerminalViews = { isShowing: (view) => view === 'ws:2', sent: () => {}, close: () => {} };
    host = await startHost({ router, events, terminals: views, staticDir: null });
    bareHost = await startHost({ router, events, staticDir: null });
  });
  afterAll(async () => {
    await host.close();
    await bareHost.close();
    await core.dispose(true);
  });

  const flood = (): void => {
    for (let seq = 1; seq <= CHUNKS; seq++) events.emit('terminal.data', { id: 'flooder', seq, data: CHUNK });
  };

  it('sends an agent\'s output only to a client that shows it, all of it however slowly it reads', async () => {
    const notShowing = await stalledClient(host);
    const showing = await stalledClient(host);
    await new Promise((resolve) => setTimeout(resolve, 100));
    flood();
    const [skipped, kept] = await Promise.all([drain(notShowing), drain(showing)]);

    expect(skipped).toBe(0);
    expect(kept).toBeGreaterThan(CHUNKS * CHUNK.length);
    notShowing.destroy();
    showing.destroy();
  });

  it('without flow control, stops sending a stalled client output past its buffer bound', async () => {
    const stalled = await stalledClient(bareHost);
    await new Promise((resolve) => setTimeout(resolve, 100));
    flood();
    const dropped = await drain(stalled);

    // What reached the stalled client: the host's own buffer (bounded by MaxBufferedBytes, plus
    // the chunk that crossed it) and what the kernel's loopback socket buffers had taken.
    expect(dropped).toBeLessThan(ClientBackpressure.MaxBufferedBytes + CHUNK.length + KERNEL_SOCKET_BUFFER_BYTES);
    expect(dropped).toBeGreaterThan(ClientBackpressure.MaxBufferedBytes / 2);
    stalled.destroy();
  });
});
