/**
 * Carries a window's WebSocket to another Switchyard core (a connection, issue 16): the page opens
 * `/ws?token=LOCAL&connection=ID` on its own host, which opens the link's endpoint with the far
 * token and pipes the frames both ways. The page keeps one origin and never learns the far token.
 *
 * The page's upgrade is answered only once the far socket is open, so an open socket always means
 * the far core is reachable; when either side closes, the other is closed, the page's with a
 * reason it can show.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type { CoreLink } from '../core';

/** What the host needs of the connection registry. */
export interface LinkSource {
  link(id: string): CoreLink | undefined;
}

/** The page's close code when the far side went away (4000–4999 are the application's own). */
export const FAR_SIDE_CLOSED = 4502;

/** A close reason is at most 123 bytes of UTF-8. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, -2)}…`;
  return reason;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

export interface LinkProxy {
  /** Handles an upgrade the host already checked (host, origin, local token). */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, connectionId: string): void;
  close(): void;
}

export function createLinkProxy(links: LinkSource, maxPayload: number): LinkProxy {
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const farSockets = new Set<WebSocket>();

  const pipe = (page: WebSocket, far: WebSocket, link: CoreLink): void => {
    far.on('message', (data: RawData, isBinary) => {
      if (page.readyState === page.OPEN) page.send(data, { binary: isBinary });
    });
    page.on('message', (data: RawData, isBinary) => {
      if (far.readyState === far.OPEN) far.send(data, { binary: isBinary });
    });
    far.on('close', (code) => {
      farSockets.delete(far);
      if (page.readyState === page.OPEN || page.readyState === page.CONNECTING) {
        page.close(FAR_SIDE_CLOSED, closeReason(`Lost ${link.label} (${code === 1006 ? 'it stopped answering' : `closed, code ${code}`})`));
      }
    });
    page.on('close', () => {
      if (far.readyState === far.OPEN || far.readyState === far.CONNECTING) far.close();
    });
    // Errors end in 'close' on both sides, which does the work; unlistened they would end the host.
    page.on('error', () => undefined);
  };

  return {
    upgrade(req, socket, head, connectionId) {
      const link = links.link(connectionId);
      if (!link) return refuse(socket, 404, 'Not Found');
      const endpoint = link.endpoint();
      if (!endpoint) return refuse(socket, 503, 'Service Unavailable');
      const separator = endpoint.url.includes('?') ? '&' : '?';
      const far = new WebSocket(`${endpoint.url}${separator}token=${encodeURIComponent(endpoint.token)}`, {
        headers: { host: endpoint.host },
        maxPayload,
      });
      farSockets.add(far);
      let answered = false;
      const giveUp = (): void => {
        if (answered) return;
        answered = true;
        farSockets.delete(far);
        far.terminate();
        refuse(socket, 502, 'Bad Gateway');
      };
      far.on('error', giveUp);
      far.once('unexpected-response', giveUp);
      socket.once('close', () => {
        if (!answered) {
          answered = true;
          farSockets.delete(far);
          far.terminate();
        }
      });
      far.once('open', () => {
        if (answered) return;
        answered = true;
        far.off('error', giveUp);
        far.on('error', () => undefined);
        wss.handleUpgrade(req, socket, head, (page) => pipe(page, far, link));
      });
    },
    close() {
      for (const far of farSockets) far.terminate();
      farSockets.clear();
      for (const page of wss.clients) page.terminate();
      wss.close();
    },
  };
}
