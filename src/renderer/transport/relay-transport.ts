/**
 * The desktop window's API to another core (issue 16): the main process relays wire.ts frames
 * between the far core's socket and this window over IPC (shared/relay.ts), and
 * message-transport.ts handles them as it does a WebSocket's. The host is the main process,
 * which is there as long as the window is: a relay that does not open means the link is down,
 * and it is tried again until the connection is back or the window switches away.
 */
import type { RelayBridge, RelayEvent } from '../../shared/relay';
import { createMessageTransport, type DisposableApi, type FrameChannel, type FrameChannelHandlers, type MessageTransportOptions } from './message-transport';

export interface RelayTransportOptions extends Omit<MessageTransportOptions, 'openChannel' | 'hostAnswers' | 'viaLink'> {
  relay: RelayBridge;
  /** The connection's id (of `connections.list`). */
  connection: string;
}

/** Relay names unique in this page (the main process forgets a page's relays when it reloads). */
let relayCount = 0;

export function createRelayTransport(options: RelayTransportOptions): DisposableApi {
  const { relay, connection, ...rest } = options;
  return createMessageTransport({
    ...rest,
    openChannel: (handlers) => openRelay(relay, connection, handlers),
    hostAnswers: () => Promise.resolve(true),
    viaLink: true,
  });
}

function openRelay(bridge: RelayBridge, connection: string, handlers: FrameChannelHandlers): FrameChannel {
  const id = `relay-${++relayCount}`;
  let open = false;
  let closed = false;
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    // As with the page's socket, only an open relay's end is news: a refusal's reason (the link
    // is down) would only replace why it was lost, which the banner keeps showing while it retries.
    const said = open ? reason : '';
    open = false;
    stop();
    handlers.closed(said);
  };
  const stop = bridge.onEvent((event: RelayEvent) => {
    if (event.relay !== id || closed) return;
    if (event.type === 'open') {
      open = true;
      handlers.opened();
    } else if (event.type === 'frame') handlers.received(event.frame);
    else finish(event.reason);
  });
  bridge.send({ type: 'open', relay: id, connection });
  return {
    send: (frame) => {
      if (open) bridge.send({ type: 'frame', relay: id, frame });
    },
    close: () => {
      if (closed) return;
      bridge.send({ type: 'close', relay: id });
      // The main process says nothing more of a relay the window closed; a WebSocket's close
      // event comes later, so this one does too.
      queueMicrotask(() => finish(''));
    },
  };
}
