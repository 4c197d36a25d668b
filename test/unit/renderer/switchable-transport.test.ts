/** The window's API switching between connections (issue 16): listeners survive, invokes go to the current core. */
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { createSwitchableTransport } from '../../../src/renderer/transport/switchable-transport';
import type { DisposableApi } from '../../../src/renderer/transport/websocket-transport';

/** A transport to one connection, whose events the test emits and whose invokes it records. */
function fakeTransport(connection: string) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const state = { disposed: false, retried: 0, invoked: [] as string[] };
  const api: DisposableApi = {
    invoke: (name) => {
      state.invoked.push(name);
      return Promise.resolve(ok({ repo: `/repo/of/${connection}` }) as never);
    },
    on: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener as (payload: unknown) => void));
      return () => void set.delete(listener as (payload: unknown) => void);
    },
    dispose: () => void (state.disposed = true),
    retryNow: () => void (state.retried += 1),
  };
  const emit = (name: EventName, payload: unknown): void => listeners.get(name)?.forEach((listener) => listener(payload));
  return { api, state, emit, listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0) };
}

describe('the switchable transport', () => {
  it('keeps its listeners across a switch and hears only the current connection', async () => {
    const made = new Map<string, ReturnType<typeof fakeTransport>>();
    const api = createSwitchableTransport('local', (connection) => {
      const transport = fakeTransport(connection);
      made.set(connection, transport);
      return transport.api;
    });
    const heard: string[] = [];
    api.on('repo.changed', ({ repo }) => heard.push(repo));
    made.get('local')!.emit('repo.changed', { repo: '/mine' });

    api.switchTo('c1');
    expect(api.connection).toBe('c1');
    expect(made.get('local')!.state.disposed).toBe(true);
    expect(made.get('local')!.listenerCount()).toBe(0);
    made.get('local')!.emit('repo.changed', { repo: '/stale' });
    made.get('c1')!.emit('repo.changed', { repo: '/far' });
    expect(heard).toEqual(['/mine', '/far']);

    const answer = await api.invoke('repo.get', {});
    expect(answer).toEqual(ok({ repo: '/repo/of/c1' }));
    expect(made.get('c1')!.state.invoked).toEqual(['repo.get']);
    api.retryNow();
    expect(made.get('c1')!.state.retried).toBe(1);
  });

  it('does nothing when switched to the connection it already shows, and an unsubscribed listener stays gone', () => {
    let opened = 0;
    const transports: Array<ReturnType<typeof fakeTransport>> = [];
    const api = createSwitchableTransport('local', (connection) => {
      opened += 1;
      const transport = fakeTransport(connection);
      transports.push(transport);
      return transport.api;
    });
    api.switchTo('local');
    expect(opened).toBe(1);
    const heard: string[] = [];
    const stop = api.on('repo.changed', ({ repo }) => heard.push(repo));
    stop();
    api.switchTo('c2');
    transports[1]!.emit('repo.changed', { repo: '/far' });
    expect(heard).toEqual([]);
  });

  it('offers the native folder chooser only while the current connection has one (the desktop window’s own core)', () => {
    const chooseFolder = () => Promise.resolve('/picked');
    const api = createSwitchableTransport('local', (connection) => {
      const transport = fakeTransport(connection).api;
      return connection === 'local' ? { ...transport, chooseFolder } : transport;
    });
    expect(api.chooseFolder).toBe(chooseFolder);
    api.switchTo('c1');
    expect(api.chooseFolder).toBeUndefined();
    api.switchTo('local');
    expect(api.chooseFolder).toBe(chooseFolder);
  });
});
