/**
 * The desktop window's relays to other Switchyard cores (issue 16, see shared/relay.ts): for each
 * relay the window opens, a WebSocket to the connection's far core, opened as the host's link
 * proxy opens it (far-socket.ts), whose frames go to the window through `send` and back.
 *
 * Free of Electron so it can be tested in plain Node: the caller checks who is asking (the
 * trusted-sender guard) and carries the events over IPC.
 */
import type { WebSocket } from 'ws';
import { lostLinkReason, MAX_FRAME_BYTES, openFarSocket, type LinkSource, type PendingFarSocket } from '../host/far-socket';
import { z } from 'zod';
import type { RelayEvent, RelayRequest } from '../shared/relay';

const RelayId = z.string().min(1).max(100);

/** What the window may ask (shared/relay.ts); anything else from it is refused. */
const RelayRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open'), relay: RelayId, connection: z.string().min(1).max(200) }),
  z.object({ type: z.literal('frame'), relay: RelayId, frame: z.string() }),
  z.object({ type: z.literal('close'), relay: RelayId }),
]) satisfies z.ZodType<RelayRequest>;

export interface LinkRelays {
  /** One request of the window; a malformed one is answered with a close, if it names a relay. */
  handle(request: unknown): void;
  /** The window reloaded, crashed or closed: every relay of it ends, without telling it. */
  closeAll(): void;
}

type Relay = { state: 'opening'; pending: PendingFarSocket | null } | { state: 'open'; far: WebSocket };

export function createLinkRelays(links: LinkSource, send: (event: RelayEvent) => void, maxPayload = MAX_FRAME_BYTES): LinkRelays {
  const relays = new Map<string, Relay>();

  const end = (id: string): void => {
    const relay = relays.get(id);
    if (!relay) return;
    relays.delete(id);
    if (relay.state === 'opening') relay.pending?.cancel();
    else relay.far.close();
  };

  const open = (id: string, connection: string): void => {
    end(id);
    // In the map before it can answer: an unknown or disconnected connection fails at once.
    const relay: Relay = { state: 'opening', pending: null };
    relays.set(id, relay);
    relay.pending = openFarSocket(links, connection, maxPayload, {
      opened(far, link) {
        if (relays.get(id) !== relay) return void far.close();
        const opened: Relay = { state: 'open', far };
        relays.set(id, opened);
        far.on('message', (data) => {
          if (relays.get(id) === opened) send({ type: 'frame', relay: id, frame: data.toString() });
        });
        far.on('close', (code) => {
          if (relays.get(id) !== opened) return;
          relays.delete(id);
          send({ type: 'close', relay: id, reason: lostLinkReason(link, code) });
        });
        send({ type: 'open', relay: id });
      },
      failed({ reason }) {
        if (relays.get(id) !== relay) return;
        relays.delete(id);
        send({ type: 'close', relay: id, reason });
      },
    });
  };

  return {
    handle(raw) {
      const parsed = RelayRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const relay = (typeof raw === 'object' && raw !== null ? (raw as { relay?: unknown }).relay : undefined);
        if (typeof relay === 'string') send({ type: 'close', relay, reason: 'The window sent a relay request of unknown shape.' });
        return;
      }
      const request = parsed.data;
      if (request.type === 'open') return open(request.relay, request.connection);
      if (request.type === 'close') return end(request.relay);
      const relay = relays.get(request.relay);
      if (relay?.state === 'open') {
        if (relay.far.readyState === relay.far.OPEN) relay.far.send(request.frame);
        return;
      }
      // The window waits for `open` before it sends: a frame here is for a relay that ended or never was.
      if (!relay) send({ type: 'close', relay: request.relay, reason: `No relay "${request.relay}" is open; open it again.` });
    },
    closeAll() {
      for (const id of [...relays.keys()]) end(id);
    },
  };
}
