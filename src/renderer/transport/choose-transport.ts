/**
 * Picks how the UI reaches the core: the Electron preload bridge when present (IPC to its own
 * core, the main process's relays to other connections), otherwise the WebSocket of
 * `switchyard serve`, which needs the access token from the URL it printed.
 */
import type { SwitchyardApi } from '../../shared/api';
import type { DesktopBridge } from '../../shared/relay';
import { LOCAL_CONNECTION_ID } from '../../shared/connections';
import { WS_PATH } from '../../shared/wire';
import { connectionInAddress } from './connection-address';
import { takeAccessToken } from './access-token';
import type { ConnectionStatus } from './connection-status';
import { createIpcTransport, ipcAsConnection } from './ipc-transport';
import { createRelayTransport } from './relay-transport';
import { createSwitchableTransport, type SwitchableApi } from './switchable-transport';
import { createWebSocketTransport, webSocketUrl } from './websocket-transport';

/** Switching the window between connections. */
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
  if (bridge) return chooseDesktopTransport(bridge, hooks);
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

/** The desktop window: its own core over IPC, and any other through a relay of the main process. */
function chooseDesktopTransport(bridge: DesktopBridge, hooks: TransportHooks): TransportChoice {
  const home = createIpcTransport(bridge);
  const initial = connectionInAddress();
  const api = createSwitchableTransport(initial, (connection) =>
    connection === LOCAL_CONNECTION_ID
      ? ipcAsConnection(home, hooks.onStatusChange)
      : createRelayTransport({ relay: bridge.relay, connection, ...hooks }),
  );
  return {
    kind: 'ready',
    api,
    initialStatus: initial === LOCAL_CONNECTION_ID ? 'open' : 'connecting',
    connections: { home, window: api },
  };
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
