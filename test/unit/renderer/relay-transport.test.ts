/**
 * The desktop window's transport to another core through the main process's relay (issue 16):
 * the same wire.ts frames as the WebSocket transport, over a fake of the preload's relay bridge.
 */
import { describe, expect, it } from 'vitest';
import type { RelayBridge, RelayEvent, RelayRequest } from '../../../src/shared/relay';
import { createRelayTransport } from '../../../src/renderer/transport/relay-transport';
import type { ConnectionStatus } from '../../../src/renderer/transport/connection-status';
import { ipcAsConnection } from '../../../src/renderer/transport/ipc-transport';
import { ok } from '../../../src/shared/result';

/** The preload's relay bridge: records the window's requests, and the test plays the main process. */
function fakeBridge() {
  const requests: RelayRequest[] = [];
  const listeners = new Set<(event: RelayEvent) => void>();
  const bridge: RelayBridge = {
    send: (request) => void requests.push(request),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const emit = (event: RelayEvent): void => [...listeners].forEach((listener) => listener(event));
  const opens = () => requests.filter((request) => request.type === 'open');
  const lastOpen = () => opens().at(-1)!.relay;
  return { bridge, requests, emit, opens, lastOpen, listenerCount: () => listeners.size };
}

/** Lets promise callbacks and queued microtasks run (no clock involved). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function relayTransport(bridge: RelayBridge) {
  const statuses: ConnectionStatus[] = [];
  const reasons: string[] = [];
  const protocolErrors: string[] = [];
  const api = createRelayTransport({
    relay: bridge,
    connection: 'c1',
    onStatusChange: (status) => statuses.push(status),
    onProtocolError: (message) => protocolErrors.push(message),
    onCloseReason: (reason) => reasons.push(reason),
  });
  return { api, statuses, reasons, protocolErrors };
}

describe('the relay transport', () => {
  it('opens a relay to its connection, sends invokes made before it opened once it has, and answers them', async () => {
    const fake = fakeBridge();
    const { api, statuses } = relayTransport(fake.bridge);
    expect(fake.requests).toEqual([{ type: 'open', relay: fake.lastOpen(), connection: 'c1' }]);
    const answer = api.invoke('repo.get', {});
    expect(fake.requests).toHaveLength(1);

    const relay = fake.lastOpen();
    fake.emit({ type: 'open', relay });
    expect(statuses).toEqual(['open']);
    expect(fake.requests[1]).toEqual({ type: 'frame', relay, frame: JSON.stringify({ type: 'invoke', id: 1, name: 'repo.get', input: {} }) });
    fake.emit({ type: 'frame', relay, frame: JSON.stringify({ type: 'result', id: 1, result: ok({ repo: '/far/repo' }) }) });
    expect(await answer).toEqual(ok({ repo: '/far/repo' }));
  });

  it('hands the far core’s events to listeners, and hears nothing of other relays', () => {
    const fake = fakeBridge();
    const { api, protocolErrors } = relayTransport(fake.bridge);
    const heard: string[] = [];
    api.on('repo.changed', ({ repo }) => heard.push(repo));
    const relay = fake.lastOpen();
    fake.emit({ type: 'open', relay });
    const event = (repo: string) => JSON.stringify({ type: 'event', name: 'repo.changed', payload: { repo } });
    fake.emit({ type: 'frame', relay: 'another-relay', frame: event('/not/mine') });
    fake.emit({ type: 'frame', relay, frame: event('/far/repo') });
    fake.emit({ type: 'frame', relay, frame: 'not json' });
    expect(heard).toEqual(['/far/repo']);
    expect(protocolErrors).toEqual(['The host sent a message that is not JSON.']);
  });

  it('on a close says why, fails what waits, and opens a new relay; one that will not open is tried again, never given up', async () => {
    const fake = fakeBridge();
    const { api, statuses, reasons } = relayTransport(fake.bridge);
    const first = fake.lastOpen();
    fake.emit({ type: 'open', relay: first });
    const waiting = api.invoke('repo.get', {});
    fake.emit({ type: 'close', relay: first, reason: 'Lost /far/repo (it stopped answering)' });
    expect(reasons).toEqual(['Lost /far/repo (it stopped answering)']);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(statuses).toEqual(['open', 'reconnecting']);
    expect(fake.listenerCount()).toBe(0);

    // The link is down: each new relay is refused. The main process is the host, and it is there.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await settle();
      api.retryNow();
      const relay = fake.lastOpen();
      fake.emit({ type: 'close', relay, reason: '/far/repo is not connected (reconnecting).' });
    }
    expect(fake.opens()).toHaveLength(11);
    // Why it was lost stays the word: a refusal while the link is down adds nothing.
    expect(reasons).toEqual(['Lost /far/repo (it stopped answering)']);
    expect(new Set(fake.opens().map((request) => request.relay)).size).toBe(11);
    expect(statuses.at(-1)).toBe('reconnecting');

    await settle();
    api.retryNow();
    fake.emit({ type: 'open', relay: fake.lastOpen() });
    expect(statuses.at(-1)).toBe('open');
  });

  it('closes its relay when disposed, and sends nothing more', async () => {
    const fake = fakeBridge();
    const { api } = relayTransport(fake.bridge);
    const relay = fake.lastOpen();
    fake.emit({ type: 'open', relay });
    api.dispose();
    expect(fake.requests.at(-1)).toEqual({ type: 'close', relay });
    expect(await api.invoke('repo.get', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await settle();
    expect(fake.requests.at(-1)).toEqual({ type: 'close', relay });
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('the IPC transport as the window’s own connection', () => {
  it('says it is open after the switch that made it, and keeps the native folder chooser', async () => {
    const statuses: ConnectionStatus[] = [];
    const chooseFolder = () => Promise.resolve('/picked');
    const api = ipcAsConnection({ invoke: () => Promise.resolve(ok({})) as never, on: () => () => undefined, chooseFolder }, (status) =>
      statuses.push(status),
    );
    expect(statuses).toEqual([]);
    await settle();
    expect(statuses).toEqual(['open']);
    expect(api.chooseFolder).toBe(chooseFolder);
  });
});
