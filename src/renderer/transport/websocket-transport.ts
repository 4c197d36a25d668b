/**
 * SwitchyardApi over the WebSocket of `switchyard serve` (see shared/wire.ts). Invokes made before
 * the first connection are queued; when the link drops, waiting invokes resolve as `unavailable`
 * and the socket reconnects with backoff, until reconnect-policy.ts says the host is gone.
 */
import type { EventListenerMap, SwitchyardApi } from '../../shared/api';
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { ClientMessage } from '../../shared/wire';
import { isGaveUp, type ConnectionStatus } from './connection-status';
import { createReconnectPolicy } from './reconnect-policy';
import { parseResult, parseServerMessage } from './server-message-parser';

export interface WebSocketTransportOptions {
  url: string;
  onStatusChange: (status: ConnectionStatus) => void;
  /** The host sent something that does not fit the contract; worth telling the user once. */
  onProtocolError: (message: string) => void;
  /**
   * Whether anything still answers HTTP at the page's own address. A browser does not say why a
   * WebSocket failed; a host that serves pages but refused the socket no longer takes our token.
   */
  hostAnswers: () => Promise<boolean>;
  /** A socket to a connection (another core through this page's host): see ReconnectPolicyOptions. */
  viaLink?: boolean;
  /** Why the host closed an open socket, when it said (a connection's far side went away). */
  onCloseReason?: (reason: string) => void;
}

export interface DisposableApi extends SwitchyardApi {
  dispose(): void;
  /** Tries at once instead of at the next backoff step (the host says the link is back). */
  retryNow(): void;
}

type Failure = ReturnType<typeof fail>;

interface PendingInvoke {
  message: ClientMessage;
  settle(raw: unknown): void;
  fail(failure: Failure): void;
}

const notConnected = (status: ConnectionStatus): Failure =>
  isGaveUp(status)
    ? fail('unavailable', 'Not connected: this Switchyard stopped or restarted. Open its new address (see the banner above).')
    : fail('unavailable', 'Not connected to Switchyard (reconnecting). Try again in a moment.');

export function createWebSocketTransport(options: WebSocketTransportOptions): DisposableApi {
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let nextInvokeId = 1;
  const policy = createReconnectPolicy({ refusalMeansLinkDown: options.viaLink ?? false });
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  /** Invokes sent (or queued to send) and not yet answered, by id. */
  const pending = new Map<number, PendingInvoke>();
  /** Listeners by event name; each set only ever holds listeners for its own name. */
  const listeners = new Map<EventName, Set<EventListenerMap[EventName]>>();

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    options.onStatusChange(next);
  };

  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    for (const listener of listeners.get(name) ?? []) {
      // Sets are keyed by name (see `on`), so this listener takes EventPayload<K>.
      (listener as EventListenerMap[K])(payload);
    }
  };

  const connect = (): void => {
    const ws = new WebSocket(options.url);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      policy.opened();
      for (const invoke of pending.values()) ws.send(JSON.stringify(invoke.message));
      setStatus('open');
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return options.onProtocolError('The host sent a binary message.');
      const message = parseServerMessage(event.data);
      if (message.type === 'invalid') return options.onProtocolError(`The host sent ${message.reason}.`);
      if (message.type === 'event') return emit(message.name, message.payload);
      const invoke = pending.get(message.id);
      pending.delete(message.id);
      invoke?.settle(message.raw);
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket !== ws) return;
      if (event.reason) options.onCloseReason?.(event.reason);
      socket = null;
      failAllPending();
      if (disposed) return;
      setStatus('reconnecting');
      void (opened ? Promise.resolve(false) : options.hostAnswers()).then((hostAnswers) => {
        if (disposed) return;
        const decision = policy.closed(!opened, hostAnswers);
        if ('giveUp' in decision) return setStatus(decision.giveUp);
        reconnectTimer = setTimeout(() => {
          reconnectTimer = undefined;
          connect();
        }, decision.retryInMs);
      });
    });
    // An 'error' is always followed by 'close', which does the work.
  };

  const failAllPending = (): void => {
    const failed = [...pending.values()];
    pending.clear();
    for (const invoke of failed) invoke.fail(notConnected(status));
  };

  const invoke = <K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> => {
    // While reconnecting, fail fast: a queued "Stop" or keystroke that runs minutes later would surprise.
    if (disposed || (status !== 'connecting' && status !== 'open')) return Promise.resolve(notConnected(status));
    const message: ClientMessage = { type: 'invoke', id: nextInvokeId++, name, input };
    return new Promise((resolve) => {
      pending.set(message.id, { message, settle: (raw) => resolve(parseResult(name, raw)), fail: resolve });
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      // Otherwise the 'open' handler sends everything still pending.
    });
  };

  const on = <K extends EventName>(name: K, listener: EventListenerMap[K]): (() => void) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set.add(listener));
    return () => {
      set.delete(listener);
    };
  };

  connect();

  return {
    invoke,
    on,
    retryNow: () => {
      if (disposed || reconnectTimer === undefined) return;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      connect();
    },
    dispose: () => {
      disposed = true;
      clearTimeout(reconnectTimer);
      socket?.close();
      socket = null;
      failAllPending();
    },
  };
}

/**
 * Where the host listens: same origin as the page, path WS_PATH, token as a query parameter, and
 * the connection (another core the host proxies to) when it is not the host's own.
 */
export function webSocketUrl(path: string, token: string, connection: string | null = null): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = `token=${encodeURIComponent(token)}${connection === null ? '' : `&connection=${encodeURIComponent(connection)}`}`;
  return `${scheme}://${window.location.host}${path}?${query}`;
}
