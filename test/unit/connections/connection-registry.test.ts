/** The core's list of connections (issue 16) and the link to another Switchyard on this machine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, type ConnectionRegistryOptions } from '../../../src/core/connections/connection-registry';
import { LocalInstanceLink } from '../../../src/core/connections/local-instance-link';
import { listInstances, removeInstance, writeInstance } from '../../../src/core/instances/instance-registry';
import type { CoreLink, LinkState } from '../../../src/core/remote/core-link';
import type { ConnectionInfo } from '../../../src/shared/connections';

const tempDir = (prefix: string): string => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));

function setup(extra: Partial<ConnectionRegistryOptions> = {}) {
  const env: NodeJS.ProcessEnv = { SWITCHYARD_RUNTIME_DIR: tempDir('sy-rt-') };
  const own = tempDir('sy-own-');
  const other = tempDir('sy-other-');
  const links: LocalInstanceLink[] = [];
  const announced: ConnectionInfo[][] = [];
  const registry = new ConnectionRegistry({
    ownRepo: () => own,
    createInstanceLink: (id, repo) => {
      const link = new LocalInstanceLink({ id, repo, env, pollMs: 0 });
      links.push(link);
      return link;
    },
    env,
    onChange: (list) => announced.push(list),
    ...extra,
  });
  // This process stands in for the other Switchyard: its pid is alive.
  const serve = (repo: string, port: number): void =>
    void writeInstance({ repo, pid: process.pid, port, token: `token-${port}`, kind: 'serve', startedAt: new Date().toISOString() }, env);
  return { env, own, other, links, announced, registry, serve };
}

/** A remote link as the SSH side would give it, its state set by the test. */
class ScriptedLink implements CoreLink {
  readonly id = 'remote';
  state: LinkState = 'connecting';
  detail: string | null = null;
  closed = false;
  retries = 0;
  private readonly listeners = new Set<() => void>();
  constructor(readonly label: string) {}
  endpoint() {
    return null;
  }
  onDidChangeState(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  set(state: LinkState, detail: string | null): void {
    this.state = state;
    this.detail = detail;
    for (const listener of this.listeners) listener();
  }
  retry(): void {
    this.retries++;
    this.set('connecting', 'Checking the host…');
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

describe('the connection registry', () => {
  it('lists this window’s core first, labelled with its repository, and refuses to remove it', async () => {
    const { registry, own } = setup();
    expect(registry.list()).toEqual([{ id: 'local', label: own, kind: 'local', state: 'connected', detail: null }]);
    await expect(registry.remove('local')).rejects.toThrow('cannot be removed');
  });

  it('adds the Switchyard serving a local repository, from any folder inside it, once', () => {
    const { registry, other, serve, announced } = setup();
    serve(other, 4100);
    const added = registry.add({ repo: other });
    expect(added).toEqual({ id: 'c1', label: other, kind: 'instance', state: 'connected', detail: null });
    fs.mkdirSync(path.join(other, 'sub'));
    expect(registry.add({ repo: path.join(other, 'sub') }).id).toBe('c1');
    expect(registry.list().map((entry) => entry.id)).toEqual(['local', 'c1']);
    expect(announced.at(-1)?.map((entry) => entry.id)).toEqual(['local', 'c1']);
    expect(registry.link('c1')?.endpoint()).toEqual({ url: 'ws://127.0.0.1:4100/ws', host: '127.0.0.1:4100', token: 'token-4100' });
  });

  it('refuses a repository no Switchyard serves, and the window’s own, saying what to do', () => {
    const { registry, other, own, serve } = setup();
    expect(() => registry.add({ repo: other })).toThrow(`No Switchyard is running for ${other} on this machine. Start one with \`switchyard serve --repo ${other}\``);
    serve(own, 4000);
    expect(() => registry.add({ repo: own })).toThrow('is this window’s own repository');
    expect(registry.list()).toHaveLength(1);
  });

  it('says a remote connection is not available when it was built without the SSH link factory', () => {
    const { registry } = setup();
    expect(() => registry.add({ target: 'me@far:2222', repo: '/srv/repo' })).toThrow('Connecting to me@far:2222 over SSH is not available');
  });

  it('adds a remote link from the factory, announces its state changes, and closes it on removal', async () => {
    const made: ScriptedLink[] = [];
    const { registry, announced } = setup({
      createRemoteLink: (target, repo) => {
        const link = new ScriptedLink(`${target}:${repo}`);
        made.push(link);
        return link;
      },
    });
    const added = registry.add({ target: 'me@far', repo: '/srv/repo' });
    expect(added).toMatchObject({ id: 'c1', label: 'me@far:/srv/repo', kind: 'remote', state: 'connecting' });
    expect(registry.add({ target: 'me@far', repo: '/srv/repo' }).id).toBe('c1');
    // The same host typed another way is the same connection.
    expect(registry.add({ target: ' me@far ', repo: '/srv/repo' }).id).toBe('c1');
    expect(made).toHaveLength(1);
    expect(registry.add({ target: 'me@far:2222', repo: '/srv/repo' }).id).toBe('c2');
    expect(registry.add({ target: 'me@far:02222', repo: '/srv/repo' }).id).toBe('c2');
    expect(made).toHaveLength(2);
    await registry.remove('c2');
    made[0]!.set('reconnecting', 'ssh exited: Connection reset by peer');
    expect(announced.at(-1)?.[1]).toMatchObject({ state: 'reconnecting', detail: 'ssh exited: Connection reset by peer' });
    await registry.remove('c1');
    expect(made[0]!.closed).toBe(true);
    expect(announced.at(-1)?.map((entry) => entry.id)).toEqual(['local']);
    // A removed link's later changes announce nothing.
    const count = announced.length;
    made[0]!.set('failed', 'gone');
    expect(announced).toHaveLength(count);
  });

  it('tries a failed remote link again on retry and when it is added again, and leaves a live one alone', () => {
    const made: ScriptedLink[] = [];
    const { registry, announced } = setup({
      createRemoteLink: (target, repo) => {
        const link = new ScriptedLink(`${target}:${repo}`);
        made.push(link);
        return link;
      },
    });
    registry.add({ target: 'me@far', repo: '/srv/repo' });
    const link = made[0]!;
    expect(registry.retry('c1')).toMatchObject({ state: 'connecting' });
    expect(link.retries).toBe(0);

    link.set('failed', 'SSH could not find the host far; check the name and your ~/.ssh/config.');
    expect(registry.retry('c1')).toMatchObject({ state: 'connecting', detail: 'Checking the host…' });
    expect(link.retries).toBe(1);
    expect(announced.at(-1)?.[1]).toMatchObject({ state: 'connecting', detail: 'Checking the host…' });

    link.set('failed', 'still not there');
    expect(registry.add({ target: 'me@far', repo: '/srv/repo' })).toMatchObject({ id: 'c1', state: 'connecting' });
    expect(link.retries).toBe(2);
    expect(made).toHaveLength(1);
    expect(() => registry.retry('c9')).toThrow('No connection c9.');
  });
});

describe('the link to another local Switchyard', () => {
  it('goes to reconnecting with the reason when its Switchyard stops, and finds the new one on the same repository', () => {
    const { registry, other, serve, env, links, announced } = setup();
    serve(other, 4100);
    registry.add({ repo: other });
    const link = links[0]!;

    removeInstance(other, process.pid, env);
    expect(link.endpoint()).toBeNull();
    expect(link.state).toBe('reconnecting');
    expect(link.detail).toBe(`The Switchyard serving ${other} (pid ${process.pid}) stopped; waiting for one to start there (\`switchyard serve --repo ${other}\`).`);
    expect(announced.at(-1)?.[1]).toMatchObject({ state: 'reconnecting' });

    // Started again: another port and token, found without adding it anew.
    serve(other, 4200);
    link.refresh();
    expect(link.state).toBe('connected');
    expect(link.endpoint()).toMatchObject({ host: '127.0.0.1:4200', token: 'token-4200' });
    expect(announced.at(-1)?.[1]).toMatchObject({ state: 'connected', detail: null });
  });

  it('lists every live instance newest first', () => {
    const { env, own, other } = setup();
    writeInstance({ repo: own, pid: process.pid, port: 1, token: 't', kind: 'serve', startedAt: '2026-01-01T00:00:00.000Z' }, env);
    writeInstance({ repo: other, pid: process.pid, port: 2, token: 't', kind: 'serve', startedAt: '2026-02-01T00:00:00.000Z' }, env);
    writeInstance({ repo: '/gone', pid: 2 ** 22 + 12345, port: 3, token: 't', kind: 'serve', startedAt: '2026-03-01T00:00:00.000Z' }, env);
    expect(listInstances(env).map((instance) => instance.repo)).toEqual([other, own]);
  });
});
