/**
 * Raw clients of a running Switchyard for tests: a WebSocket to `switchyard serve` and a connection to its control
 * socket, each able to send any frame (malformed, binary, oversized) and to wait, with a timeout,
 * for the answer to one request id. Events share the WebSocket; answers are matched by id only.
 */
import net from 'node:net';
import WebSocket from 'ws';
import { readInstance } from '../../src/core/instances/instance-registry';
import type { LinkEndpoint } from '../../src/core/remote/core-link';
import type { ServeProcess } from './serve-process';

export interface RawAnswer {
  /** The id the server answered with (-1 for a request it could not read). */
  id: number;
  result: unknown;
}

/** Awaits `promise` or fails after `ms` with `what` in the message: no await in a fault test is unbounded. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface HostWsClient {
  readonly ws: WebSocket;
  /** Sends a well-formed invoke (any name, any input) and waits for the result with its id. */
  invoke(name: unknown, input: unknown, timeoutMs?: number): Promise<unknown>;
  /** Sends an invoke frame built by the caller around a fresh id; waits for that id's result. */
  invokeRaw(build: (id: number) => string, timeoutMs?: number): Promise<unknown>;
  /** Sends anything, expecting no particular answer. */
  sendRaw(data: string | Buffer, binary?: boolean): void;
  readonly closed: boolean;
  /** Every parsed message that was neither a result nor an event (should stay empty). */
  readonly strays: unknown[];
  /** Events received so far, oldest first (terminal output left out). */
  readonly events: Array<{ name: string; payload: unknown }>;
  close(): void;
}

export async function connectWs(
  serve: ServeProcess,
  options: { origin?: string; host?: string; token?: string; connection?: string } = {},
): Promise<HostWsClient> {
  const url = new URL(serve.url);
  const token = options.token ?? url.searchParams.get('token') ?? '';
  const headers: Record<string, string> = {};
  if (options.origin !== undefined) headers.origin = options.origin;
  if (options.host !== undefined) headers.host = options.host;
  const connection = options.connection === undefined ? '' : `&connection=${encodeURIComponent(options.connection)}`;
  return connectWsUrl(`ws://${url.host}/ws?token=${encodeURIComponent(token)}${connection}`, headers);
}

/** A client through a link's endpoint (e.g. an SSH-forwarded `ws+unix://` socket), as the local host's proxy would connect. */
export function connectEndpoint(endpoint: LinkEndpoint): Promise<HostWsClient> {
  return connectWsUrl(`${endpoint.url}?token=${encodeURIComponent(endpoint.token)}`, { host: endpoint.host });
}

async function connectWsUrl(address: string, headers: Record<string, string>): Promise<HostWsClient> {
  const ws = new WebSocket(address, { headers, maxPayload: 64 * 1024 * 1024 });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    }),
    10_000,
    'WebSocket open',
  );
  // Ids far from 0 so a server that answered with a guessed id could not match by accident.
  let next = 1_000;
  let closed = false;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const strays: unknown[] = [];
  const events: Array<{ name: string; payload: unknown }> = [];
  ws.on('message', (raw, isBinary) => {
    let message: { type?: unknown; id?: unknown; result?: unknown; name?: unknown; payload?: unknown };
    try {
      message = JSON.parse(isBinary ? Buffer.from(raw as Buffer).toString('utf8') : raw.toString()) as typeof message;
    } catch {
      strays.push(raw.toString().slice(0, 200));
      return;
    }
    if (message.type === 'event') {
      if (message.name !== 'terminal.data') events.push({ name: String(message.name), payload: message.payload });
      return;
    }
    if (message.type === 'result' && typeof message.id === 'number') {
      const waiter = pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter.resolve(message.result);
      } else strays.push(message);
      return;
    }
    strays.push(message);
  });
  ws.on('close', () => {
    closed = true;
    for (const { reject } of pending.values()) reject(new Error('the WebSocket closed'));
    pending.clear();
  });
  ws.on('error', () => undefined);

  const invokeRaw = (build: (id: number) => string, timeoutMs = 15_000): Promise<unknown> => {
    if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('the WebSocket is closed'));
    const id = next++;
    const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    ws.send(build(id));
    return withTimeout(answer, timeoutMs, `request ${id}`).finally(() => pending.delete(id));
  };
  return {
    ws,
    invoke: (name, input, timeoutMs) => invokeRaw((id) => JSON.stringify({ type: 'invoke', id, name, input }), timeoutMs),
    invokeRaw,
    sendRaw: (data, binary = false) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary });
    },
    get closed() {
      return closed;
    },
    strays,
    events,
    close: () => ws.terminate(),
  };
}

/** The control socket the running instance for `repo` registered (what the CLI and hooks use). */
export function controlSocketOf(repo: string, serve: ServeProcess): string {
  const instance = readInstance(repo, serve.env);
  if (!instance?.controlSocket) throw new Error(`no instance with a control socket is registered for ${repo}`);
  return instance.controlSocket;
}

export interface HostControlClient {
  /** Sends one line (no newline needed) and waits for the next answer line. */
  request(line: string | Buffer, timeoutMs?: number): Promise<RawAnswer>;
  /** Writes bytes as they are. */
  write(data: string | Buffer): void;
  /** Resolves when the server ends or closes the connection. */
  readonly ended: Promise<void>;
  readonly closed: boolean;
  close(): void;
}

/**
 * One connection to the control socket. Requests go one at a time (the server answers in the
 * order its handlers finish, and a line it cannot read is answered with id -1), so the next
 * answer line is the answer to the request just sent.
 */
export async function connectControl(socketPath: string): Promise<HostControlClient> {
  const socket = net.createConnection(socketPath);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    }),
    10_000,
    'control socket connect',
  );
  socket.setEncoding('utf8');
  let buffered = '';
  let closed = false;
  const lines: string[] = [];
  let waiter: ((line: string) => void) | null = null;
  let failWaiter: ((error: Error) => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (waiter) {
        const w = waiter;
        waiter = null;
        failWaiter = null;
        w(line);
      } else lines.push(line);
    }
  });
  const ended = new Promise<void>((resolve) => {
    socket.once('close', () => {
      closed = true;
      failWaiter?.(new Error('the control socket closed'));
      resolve();
    });
  });
  socket.on('error', () => undefined);
  const nextLine = (timeoutMs: number): Promise<string> => {
    const queued = lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (closed) return Promise.reject(new Error('the control socket closed'));
    return withTimeout(
      new Promise<string>((resolve, reject) => {
        waiter = resolve;
        failWaiter = reject;
      }),
      timeoutMs,
      'control answer',
    ).finally(() => {
      waiter = null;
      failWaiter = null;
    });
  };
  return {
    async request(line, timeoutMs = 15_000) {
      if (closed) throw new Error('the control socket closed');
      socket.write(typeof line === 'string' ? `${line}\n` : Buffer.concat([line, Buffer.from('\n')]));
      const answer = await nextLine(timeoutMs);
      return JSON.parse(answer) as RawAnswer;
    },
    write: (data) => {
      if (!closed) socket.write(data);
    },
    ended,
    get closed() {
      return closed;
    },
    close: () => socket.destroy(),
  };
}
