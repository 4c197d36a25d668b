/**
 * Picks how the UI reaches the core: the Electron preload bridge when present, otherwise the
 * WebSocket of `switchyard serve`, which needs the access token from the URL it printed.
 */
import type { SwitchyardApi } from '../../shared/api';
import { LOCAL_CONNECTION_ID } from '../../shared/connections';
import { WS_PATH } from '../../shared/wire';
import { connectionInAddress } from './connection-address';
import { takeAccessToken } from './access-token';
import type { ConnectionStatus } from './connection-status';
import { createIpcTransport } from './ipc-transport';
import { createSwitchableTransport, type SwitchableApi } from './switchable-transport';
import { createWebSocketTransport, webSocketUrl } from './websocket-transport';

/** Switching the window between connections: only over the WebSocket (the Electron window keeps its own core). */
export interface ConnectionTransports {
  /** This page's own core, whatever the window shows: it keeps the list of connections. */
  home: SwitchyardApi;
  /** The window's API (the same object as the choice's `api`), pointed at one connection at a time. */
  window: SwitchableApi;
}

export type TransportChoice =
  | { kind: 'ready'; api: SwitchyardApi; initialStatus: ConnectionStatus; connections: ConnectionTransports | null }
  | { kind: 'missing-token' };

export interface TransportHooks {
  onStatusChange: (status: ConnectionStatus) => void;
  onProtocolError: (message: string) => void;
  /** Why the host closed the window's socket (a connection's far side went away). */
  onCloseReason?: (reason: string) => void;
}

export function chooseTransport(hooks: TransportHooks): TransportChoice {
  const bridge = window.switchyard;
  if (bridge) return { kind: 'ready', api: createIpcTransport(bridge), initialStatus: 'open', connections: null };
  const token = takeAccessToken();
  if (!token) return { kind: 'missing-token' };
  const api = createSwitchableTransport(connectionInAddress(), (connection) => {
    const viaLink = connection !== LOCAL_CONNECTION_ID;
    return createWebSocketTransport({
      url: webSocketUrl(WS_PATH, token, viaLink ? connection : null),
      hostAnswers: pageHostAnswers,
      viaLink,
      ...hooks,
    });
  });
  // Its status is the window's when it shows its own core, and the host's otherwise: the banner
  // follows the window's socket, which fails first either way.
  const home = createWebSocketTransport({
    url: webSocketUrl(WS_PATH, token),
    hostAnswers: pageHostAnswers,
    onStatusChange: () => undefined,
    onProtocolError: hooks.onProtocolError,
  });
  return { kind: 'ready', api, initialStatus: 'connecting', connections: { home, window: api } };
}

/** Any HTTP answer from the page's own address, whatever its status, means a server is there. */
async function pageHostAnswers(): Promise<boolean> {
  try {
    await fetch(new URL('/', window.location.href), { method: 'HEAD', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}
