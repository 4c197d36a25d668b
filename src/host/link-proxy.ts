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
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CoreLink } from '../core';
import { lostLinkReason, openFarSocket, type LinkSource, type PendingFarSocket } from './far-socket';

export type { LinkSource } from './far-socket';

/** The page's close code when the far side went away (4000–4999 are the application's own). */
export const FAR_SIDE_CLOSED = 4502;

const STATUS_TEXT = { 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Unavailable' } as const;

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
  const opening = new Set<PendingFarSocket>();

  const pipe = (page: WebSocket, far: WebSocket, link: CoreLink): void => {
    far.on('message', (data: RawData, isBinary) => {
      if (page.readyState === page.OPEN) page.send(data, { binary: isBinary });
    });
    page.on('message', (data: RawData, isBinary) => {
      if (far.readyState === far.OPEN) far.send(data, { binary: isBinary });
    });
    far.on('close', (code) => {
      farSockets.delete(far);
      if (page.readyState === page.OPEN || page.readyState === page.CONNECTING) page.close(FAR_SIDE_CLOSED, lostLinkReason(link, code));
    });
    page.on('close', () => {
      if (far.readyState === far.OPEN || far.readyState === far.CONNECTING) far.close();
    });
    // Errors end in 'close' on both sides, which does the work; unlistened they would end the host.
    page.on('error', () => undefined);
  };

  return {
    upgrade(req, socket, head, connectionId) {
      // A connection that does not exist or is down is refused at once, before `pending` is set.
      let answered = false;
      const pending = openFarSocket(links, connectionId, maxPayload, {
        opened(far, link) {
          answered = true;
          opening.delete(pending);
          farSockets.add(far);
          wss.handleUpgrade(req, socket, head, (page) => pipe(page, far, link));
        },
        failed({ status }) {
          answered = true;
          refuse(socket, status, STATUS_TEXT[status]);
        },
      });
      if (answered) return;
      opening.add(pending);
      socket.once('close', () => {
        opening.delete(pending);
        pending.cancel();
      });
    },
    close() {
      for (const pending of opening) pending.cancel();
      opening.clear();
      for (const far of farSockets) far.terminate();
      farSockets.clear();
      for (const page of wss.clients) page.terminate();
      wss.close();
    },
  };
}
