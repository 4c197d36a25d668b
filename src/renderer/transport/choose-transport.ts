/**
 * Picks how the UI reaches the core: the Electron preload bridge when present, otherwise the
 * WebSocket of `switchyard serve`, which needs the access token from the URL it printed.
 */
import type { SwitchyardApi } from '../../shared/api';
import { WS_PATH } from '../../shared/wire';
import { takeAccessToken } from './access-token';
import type { ConnectionStatus } from './connection-status';
import { createIpcTransport } from './ipc-transport';
import { createWebSocketTransport, webSocketUrl } from './websocket-transport';

export type TransportChoice =
  | { kind: 'ready'; api: SwitchyardApi; initialStatus: ConnectionStatus }
  | { kind: 'missing-token' };

export interface TransportHooks {
  onStatusChange: (status: ConnectionStatus) => void;
  onProtocolError: (message: string) => void;
}

export function chooseTransport(hooks: TransportHooks): TransportChoice {
  const bridge = window.switchyard;
  if (bridge) return { kind: 'ready', api: createIpcTransport(bridge), initialStatus: 'open' };
  const token = takeAccessToken();
  if (!token) return { kind: 'missing-token' };
  const api = createWebSocketTransport({ url: webSocketUrl(WS_PATH, token), hostAnswers: pageHostAnswers, ...hooks });
  return { kind: 'ready', api, initialStatus: 'connecting' };
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
