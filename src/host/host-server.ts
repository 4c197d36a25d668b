/**
 * `switchyard serve`: the core behind HTTP (the built renderer) and a WebSocket (the contract),
 * bound to 127.0.0.1 only and guarded by a random token. Electron also runs it, without the
 * pages, so the CLI reaches the app the same way.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { browserAddress } from '../shared/browser-address';
import { ClientMessageSchema, WS_PATH, type ServerMessage } from '../shared/wire';
import { EVENT_NAMES, type EventName } from '../shared/contract';
import { fail } from '../shared/result';
import { DisposableStore, type Router, type TerminalViews } from '../core';
import { CONNECTION_PARAM, LOCAL_CONNECTION_ID } from '../shared/connections';
import { MAX_FRAME_BYTES } from './far-socket';
import { createLinkProxy, type LinkSource } from './link-proxy';
import { isAllowedHost, isAllowedOrigin, isValidToken } from './loopback-guard';
import { PAGE_SECURITY_HEADERS, serveStatic } from './static-files';

export interface EventSource {
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

export interface HostOptions {
  router: Router;
  events: EventSource;
  /**
   * Flow control's record of which client shows which agent's terminal. Without it the host
   * counts nothing, and no agent is paused on behalf of its clients.
   */
  terminals?: TerminalViews;
  /** Folder of the built renderer; null serves no pages (the Electron app's CLI endpoint). */
  staticDir: string | null;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /**
   * The connections (other Switchyard cores) a window may open its socket to with
   * `&connection=ID`; without it every socket is this core's.
   */
  links?: LinkSource;
}

export interface RunningHost {
  readonly port: number;
  readonly token: string;
  /** The address to open in a browser, token included. */
  readonly url: string;
  close(): Promise<void>;
}

/** Terminal output is not broadcast like the rest: it goes client by client (see below). */
const FORWARDED_EVENTS: readonly EventName[] = EVENT_NAMES.filter((name) => name !== 'terminal.data');

export const ClientBackpressure = {
  /**
   * A host without flow control (no `terminals`) sends every client all output; past this many
   * bytes queued for a client it sends it no more (a client that reads slowly must not grow the
   * host's memory). With flow control a client gets only the output of agents it shows, bounded
   * by flow control instead: at most about FlowControl.HighWatermarkChars plus a batch per agent.
   */
  MaxBufferedBytes: 8 * 1024 * 1024,
} as const;

/** The agent and text of a `terminal.data` event (the core emits it; this only narrows the type). */
function terminalChunk(payload: unknown): { id: string; data: string } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { id, data } = payload as Record<string, unknown>;
  return typeof id === 'string' && typeof data === 'string' ? { id, data } : null;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const disposables = new DisposableStore();
  let port = 0;

  const server = http.createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(421, PAGE_SECURITY_HEADERS).end('Switchyard answers only on 127.0.0.1 and localhost.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, PAGE_SECURITY_HEADERS).end();
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404, PAGE_SECURITY_HEADERS).end('This Switchyard instance serves no pages.');
      return;
    }
    serveStatic(options.staticDir, req, res);
  });

  const maxPayload = MAX_FRAME_BYTES;
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const proxy = options.links ? createLinkProxy(options.links, maxPayload) : null;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuse(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(socket, 403, 'Forbidden');
    if (!isValidToken(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    const connection = url.searchParams.get(CONNECTION_PARAM);
    if (connection !== null && connection !== LOCAL_CONNECTION_ID) {
      if (!proxy) return refuse(socket, 404, 'Not Found');
      return proxy.upgrade(req, socket, head, connection);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  /** Each client is one terminal view for flow control: its acks count, its leaving releases. */
  const viewOf = new WeakMap<WebSocket, string>();
  let clientCount = 0;

  wss.on('connection', (ws: WebSocket) => {
    const view = `ws:${++clientCount}`;
    viewOf.set(ws, view);
    ws.on('close', () => options.terminals?.close(view));
    // A frame past maxPayload or a protocol violation arrives here, after ws has already closed
    // that connection (1009/1002). Unlistened, the 'error' event would end the whole host.
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const message = ClientMessageSchema.safeParse(parsed);
      if (!message.success) {
        // An invoke whose id can be read gets a typed refusal, so its caller does not wait forever.
        const { type, id } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { type?: unknown; id?: unknown };
        if (type === 'invoke' && typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
          send(ws, { type: 'result', id, result: fail('invalid-input', 'An invoke needs an id, a command name (a string) and an input.') });
        }
        return;
      }
      const { id, name, input } = message.data;
      void options.router.handle(name, input, { view }).then((result) => send(ws, { type: 'result', id, result }));
    });
  });

  for (const name of FORWARDED_EVENTS) {
    disposables.add(
      options.events.on(name, (payload) => {
        const text = JSON.stringify({ type: 'event', name, payload } satisfies ServerMessage);
        for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
      }),
    );
  }
  disposables.add(
    options.events.on('terminal.data', (payload) => {
      const chunk = terminalChunk(payload);
      if (!chunk) return;
      let text: string | null = null;
      for (const client of wss.clients) {
        const view = viewOf.get(client);
        if (client.readyState !== client.OPEN || !view) continue;
        const terminals = options.terminals;
        if (terminals) {
          // Only a view that shows the agent gets its output: any other would drop it (a view
          // that opens the terminal later starts from the snapshot, which covers it), and on a
          // flood the copies cost the host as much CPU as the one that is drawn.
          if (!terminals.isShowing(view, chunk.id)) continue;
        } else if (client.bufferedAmount > ClientBackpressure.MaxBufferedBytes) continue;
        text ??= JSON.stringify({ type: 'event', name: 'terminal.data', payload } satisfies ServerMessage);
        client.send(text);
        terminals?.sent(view, chunk.id, chunk.data.length);
      }
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: browserAddress(port, token),
    close: async () => {
      disposables.dispose();
      proxy?.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
