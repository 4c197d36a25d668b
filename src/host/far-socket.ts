/**
 * Opens the WebSocket to a connection's far core (issue 16), as every carrier of a window's frames
 * does: the host's link proxy for a browser page, the Electron main process's relay for its window.
 * The far host answers only its loopback names, so the Host header is the one it expects; the far
 * token goes as the `token` query parameter and no Origin is sent (the far host refuses foreign
 * pages, and this is no page). The token never leaves this process.
 */
import WebSocket from 'ws';
import type { CoreLink } from '../core';

/** The largest WebSocket frame the host, its proxy and the desktop relay take (a terminal snapshot fits). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** What a carrier needs of the connection registry. */
export interface LinkSource {
  link(id: string): CoreLink | undefined;
}

/** Why no far socket opened, as an HTTP status for the page's upgrade and a sentence for a person. */
export interface FarSocketFailure {
  status: 404 | 502 | 503;
  reason: string;
}

export interface FarSocketHandlers {
  /** The far socket is open; from here the caller owns it (its 'close' says when it ends). */
  opened(far: WebSocket, link: CoreLink): void;
  failed(failure: FarSocketFailure): void;
}

export interface PendingFarSocket {
  /** Gives up an attempt still opening (nothing is reported); no effect once it opened or failed. */
  cancel(): void;
}

export function openFarSocket(links: LinkSource, connectionId: string, maxPayload: number, handlers: FarSocketHandlers): PendingFarSocket {
  const done: PendingFarSocket = { cancel: () => undefined };
  const link = links.link(connectionId);
  if (!link) {
    handlers.failed({ status: 404, reason: `There is no connection "${connectionId}".` });
    return done;
  }
  const endpoint = link.endpoint();
  if (!endpoint) {
    handlers.failed({ status: 503, reason: `${link.label} is not connected (${link.state}).` });
    return done;
  }
  const separator = endpoint.url.includes('?') ? '&' : '?';
  const far = new WebSocket(`${endpoint.url}${separator}token=${encodeURIComponent(endpoint.token)}`, {
    headers: { host: endpoint.host },
    maxPayload,
  });
  let settled = false;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    return true;
  };
  const giveUp = (): void => {
    if (!settle()) return;
    far.terminate();
    handlers.failed({ status: 502, reason: `${link.label} did not accept the connection.` });
  };
  far.on('error', giveUp);
  far.once('unexpected-response', giveUp);
  far.once('open', () => {
    if (!settle()) return;
    far.off('error', giveUp);
    // Errors end in 'close', which the caller handles; unlistened they would end the process.
    far.on('error', () => undefined);
    handlers.opened(far, link);
  });
  return {
    cancel: () => {
      if (settle()) far.terminate();
    },
  };
}

/** A close reason is at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, -2)}…`;
  return reason;
}

/** What the window is told when the far side of its connection closed, within a close reason's bytes. */
export function lostLinkReason(link: CoreLink, code: number): string {
  return closeReason(`Lost ${link.label} (${code === 1006 ? 'it stopped answering' : `closed, code ${code}`})`);
}
