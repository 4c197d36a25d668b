/**
 * SwitchyardApi over the WebSocket of `switchyard serve` (see shared/wire.ts): the frames are
 * handled by message-transport.ts, this only opens the socket, again on each reconnect.
 */
import { createMessageTransport, type FrameChannel, type FrameChannelHandlers, type MessageTransportOptions } from './message-transport';

export type { DisposableApi } from './message-transport';

export interface WebSocketTransportOptions extends Omit<MessageTransportOptions, 'openChannel'> {
  url: string;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): ReturnType<typeof createMessageTransport> {
  const { url, ...rest } = options;
  return createMessageTransport({ ...rest, openChannel: (handlers) => openWebSocket(url, handlers) });
}

function openWebSocket(url: string, handlers: FrameChannelHandlers): FrameChannel {
  const ws = new WebSocket(url);
  ws.addEventListener('open', () => handlers.opened());
  ws.addEventListener('message', (event: MessageEvent<unknown>) => handlers.received(event.data));
  ws.addEventListener('close', (event: CloseEvent) => handlers.closed(event.reason));
  // An 'error' is always followed by 'close', which does the work.
  return {
    send: (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: () => ws.close(),
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
