/**
 * The desktop preload's `window.switchyard`, played in a browser page for tests that cannot run
 * Electron (its binary cannot be downloaded here; see TESTING.md). Commands and events of the
 * window's own core go over the page's own WebSocket to its `serve` (where Electron uses IPC);
 * relay requests go to the test through the `__relayRequest` binding, which hands them to the
 * main process's real relay module (src/main/link-relay.ts), and its events come back through
 * `__relayEvent`. Everything from `chooseTransport` on is the desktop window's own code.
 */
import type { Page } from 'playwright-core';
import { createLinkRelays, type LinkRelays } from '../../src/main/link-relay';
import type { LinkSource } from '../../src/host/far-socket';

/** Runs before the page's scripts. Plain JavaScript: it is evaluated in the page as it is. */
const BRIDGE_SCRIPT = `(() => {
  const token = new URL(location.href).searchParams.get('token');
  const socket = new WebSocket('ws://' + location.host + '/ws?token=' + encodeURIComponent(token));
  const opened = new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
  });
  const relayListeners = new Set();
  window.__relayEvent = (event) => { for (const listener of relayListeners) listener(event); };
  window.switchyard = {
    invoke: async (name, input) => {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
    },
    on: (name, listener) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(listener);
      return () => listeners.get(name).delete(listener);
    },
    chooseFolder: async () => null,
    relay: {
      send: (request) => void window.__relayRequest(request),
      onEvent: (listener) => {
        relayListeners.add(listener);
        return () => relayListeners.delete(listener);
      },
    },
  };
})();`;

export interface PlayedDesktopBridge {
  /** What the main process does when the window reloads: its relays end. */
  relays: LinkRelays;
  /** Every relay request the page made, in order. */
  requests: unknown[];
}

/** Installs the played preload on `page` (before it is opened); relays reach the cores `links` lists. */
export async function playDesktopBridge(page: Page, links: LinkSource): Promise<PlayedDesktopBridge> {
  // In order, as Electron's one IPC channel delivers them.
  let delivered: Promise<unknown> = Promise.resolve();
  const relays = createLinkRelays(links, (event) => {
    delivered = delivered.then(() => page.evaluate((relayEvent) => (window as unknown as { __relayEvent(e: unknown): void }).__relayEvent(relayEvent), event)).catch(() => undefined);
  });
  const requests: unknown[] = [];
  await page.exposeBinding('__relayRequest', (_source, request: unknown) => {
    requests.push(request);
    relays.handle(request);
  });
  await page.addInitScript({ content: BRIDGE_SCRIPT });
  return { relays, requests };
}
