/**
 * SwitchyardApi over a channel of wire.ts frames: the WebSocket of `switchyard serve`
 * (websocket-transport.ts) or the desktop window's relay through the main process
 * (relay-transport.ts). Invokes made before the first connection are queued; when the channel
 * drops, waiting invokes resolve as `unavailable` and it reconnects with backoff, until
 * reconnect-policy.ts says the host is gone.
 */
import type { EventListenerMap, SwitchyardApi } from '../../shared/api';
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { ClientMessage } from '../../shared/wire';
import { isGaveUp, type ConnectionStatus } from './connection-status';
import { createReconnectPolicy } from './reconnect-policy';
import { parseResult, parseServerMessage } from './server-message-parser';

/** One attempt at a channel of text frames: a socket, or a relay. */
export interface FrameChannel {
  /** Only called between `opened` and `closed`. */
  send(text: string): void;
  /** Ends the channel; `closed` still follows. */
  close(): void;
}

export interface FrameChannelHandlers {
  opened(): void;
  received(data: unknown): void;
  /** Always called once, whether it opened or not; `reason` is why the far side closed, or empty. */
  closed(reason: string): void;
}

export interface MessageTransportOptions {
  /**
   * Starts one attempt; the transport calls it again to reconnect. The handlers are called later,
   * never from within this call.
   */
  openChannel: (handlers: FrameChannelHandlers) => FrameChannel;
  onStatusChange: (status: ConnectionStatus) => void;
  /** The host sent something that does not fit the contract; worth telling the user once. */
  onProtocolError: (message: string) => void;
  /**
   * After an attempt that never opened: whether the host is still there. A browser does not say
   * why a WebSocket failed; a host that serves pages but refused the socket no longer takes our token.
   */
  hostAnswers: () => Promise<boolean>;
  /** A channel to a connection (another core, through this page's host): see ReconnectPolicyOptions. */
  viaLink?: boolean;
  /** Why the host closed the channel, when it said (a connection's far side went away). */
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

export function createMessageTransport(options: MessageTransportOptions): DisposableApi {
  /** The current attempt, and the same once it opened (frames are sent only then). */
  let channel: FrameChannel | null = null;
  let openChannel: FrameChannel | null = null;
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
    let opened = false;
    let closed = false;
    // The channel calls these later, never from within openChannel (`current` is set by then).
    const current: FrameChannel = options.openChannel({
      opened() {
        if (closed || channel !== current) return;
        opened = true;
        openChannel = current;
        policy.opened();
        for (const invoke of pending.values()) current.send(JSON.stringify(invoke.message));
        setStatus('open');
      },
      received(data) {
        if (closed || channel !== current) return;
        if (typeof data !== 'string') return options.onProtocolError('The host sent a binary message.');
        const message = parseServerMessage(data);
        if (message.type === 'invalid') return options.onProtocolError(`The host sent ${message.reason}.`);
        if (message.type === 'event') return emit(message.name, message.payload);
        const invoke = pending.get(message.id);
        pending.delete(message.id);
        invoke?.settle(message.raw);
      },
      closed(reason) {
        if (closed) return;
        closed = true;
        if (channel !== current) return;
        if (reason) options.onCloseReason?.(reason);
        channel = null;
        openChannel = null;
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
      },
    });
    channel = current;
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
      openChannel?.send(JSON.stringify(message));
      // Otherwise `opened` sends everything still pending.
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
      const closing = channel;
      channel = null;
      openChannel = null;
      closing?.close();
      failAllPending();
    },
  };
}
