/**
 * The Electron window's relays to other cores (issue 16). A browser page reaches a connection
 * through a WebSocket its host proxies; the desktop window has no socket of its own (its page
 * talks to the core over IPC, and its Content-Security-Policy allows no socket), so the main
 * process opens the far socket and relays its frames over IPC. The frames are those of
 * `wire.ts`, unchanged: the window's transport speaks the same protocol either way.
 *
 * One channel each way, so what the main process sends (opened, frames, closed) arrives in order.
 * The window names each relay itself, so nothing it hears can be for a relay it does not know yet.
 *
 * No zod here: the sandboxed preload imports this file and can require nothing but electron. The
 * main process validates requests (main/link-relay.ts).
 */
import type { SwitchyardApi } from './api';

/** Window → main: open, frame and close requests. */
export const IPC_RELAY_CHANNEL = 'switchyard:relay';
/** Main → window: relay events. */
export const IPC_RELAY_EVENT_CHANNEL = 'switchyard:relay-event';

export type RelayRequest =
  /** Opens a relay to connection `connection` (an id of `connections.list`). */
  | { type: 'open'; relay: string; connection: string }
  /** A text frame (a `wire.ts` client message) for the far core. */
  | { type: 'frame'; relay: string; frame: string }
  | { type: 'close'; relay: string };

export type RelayEvent =
  | { type: 'open'; relay: string }
  | { type: 'frame'; relay: string; frame: string }
  /** The relay ended or never opened; `reason` is a sentence the window can show. */
  | { type: 'close'; relay: string; reason: string };

/** What the preload exposes of the relays: nothing but requests out and events in. */
export interface RelayBridge {
  send(request: RelayRequest): void;
  /** Every relay event of this window; returns the function that unsubscribes. */
  onEvent(listener: (event: RelayEvent) => void): () => void;
}

/** `window.switchyard` in the desktop app. */
export interface DesktopBridge extends SwitchyardApi {
  relay: RelayBridge;
}
