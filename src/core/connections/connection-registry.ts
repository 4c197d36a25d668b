/**
 * The connections a window can switch to (issue 16): this window's own core, always first, then
 * links to other Switchyards, on this machine (LocalInstanceLink) or over SSH (the remote link
 * factory the host passes in). Every change, a link's state included, is announced as the whole
 * list: it is short, and a client that missed one announcement is right again at the next.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_CONNECTION_ID, type ConnectionInfo } from '../../shared/connections';
import { SwitchyardError } from '../../shared/result';
import { readInstance } from '../instances/instance-registry';
import type { CoreLink } from '../remote/core-link';
import { formatRemoteTarget, parseRemoteTarget } from '../remote/remote-target';

/** Builds the link to the Switchyard serving `repo` on the SSH host `target` (`[user@]host[:port]`). */
export type RemoteLinkFactory = (target: string, repo: string) => CoreLink;

export interface ConnectionRegistryOptions {
  /** The repository this window's core has open, for the first entry's label. */
  ownRepo(): string | null;
  /** The link to the local Switchyard registered for `repo` (a repository root). */
  createInstanceLink(id: string, repo: string): CoreLink;
  /** Absent until the SSH link is built into this host: adding a remote connection then fails clearly. */
  createRemoteLink?: RemoteLinkFactory | null | undefined;
  env?: NodeJS.ProcessEnv;
  onChange(connections: ConnectionInfo[]): void;
}

interface Entry {
  id: string;
  kind: 'instance' | 'remote';
  link: CoreLink;
  stop: { dispose(): void };
}

export class ConnectionRegistry {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;

  constructor(private readonly options: ConnectionRegistryOptions) {}

  list(): ConnectionInfo[] {
    const own: ConnectionInfo = {
      id: LOCAL_CONNECTION_ID,
      label: this.options.ownRepo() ?? 'This window’s core',
      kind: 'local',
      state: 'connected',
      detail: null,
    };
    return [own, ...[...this.entries.values()].map(infoOf)];
  }

  /** The link behind a connection id; undefined for `local` (no link) and unknown ids. */
  link(id: string): CoreLink | undefined {
    return this.entries.get(id)?.link;
  }

  add(request: { target?: string | undefined; repo: string }): ConnectionInfo {
    if (request.target !== undefined) return this.addRemote(request.target, request.repo);
    const repo = this.servedRepo(request.repo);
    const existing = this.find('instance', repo);
    if (existing) return infoOf(existing);
    return this.insert('instance', (id) => this.options.createInstanceLink(id, repo));
  }

  /** Starts a failed connection again from its first step (the person fixed what its detail said). */
  retry(id: string): ConnectionInfo {
    const entry = this.entries.get(id);
    if (!entry) throw new SwitchyardError('not-found', `No connection ${id}.`);
    if (entry.link.state === 'failed') {
      if (!entry.link.retry) throw new SwitchyardError('invalid-input', `${entry.link.label} cannot be retried; remove it and add it again.`);
      entry.link.retry();
    }
    return infoOf(entry);
  }

  async remove(id: string): Promise<void> {
    if (id === LOCAL_CONNECTION_ID) throw new SwitchyardError('invalid-input', 'This window’s own core cannot be removed.');
    const entry = this.entries.get(id);
    if (!entry) throw new SwitchyardError('not-found', `No connection ${id}.`);
    this.entries.delete(id);
    entry.stop.dispose();
    this.changed();
    await entry.link.close();
  }

  async dispose(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) entry.stop.dispose();
    await Promise.all(entries.map((entry) => entry.link.close()));
  }

  private addRemote(target: string, repo: string): ConnectionInfo {
    const create = this.options.createRemoteLink;
    if (!create) {
      throw new SwitchyardError(
        'unavailable',
        `Connecting to ${target} over SSH is not available in this build of Switchyard yet; only repositories served by another Switchyard on this machine can be added.`,
      );
    }
    // Compared as the link labels itself: `build1`, ` build1` and `build1:022` are one host.
    const existing = this.find('remote', `${typedTargetLabel(target)}:${repo}`);
    // Adding a failed one again is asking to try again.
    if (existing) return existing.link.state === 'failed' ? this.retry(existing.id) : infoOf(existing);
    return this.insert('remote', () => create(target, repo));
  }

  private insert(kind: Entry['kind'], create: (id: string) => CoreLink): ConnectionInfo {
    const id = `c${this.nextId++}`;
    const link = create(id);
    const entry: Entry = { id, kind, link, stop: link.onDidChangeState(() => this.changed()) };
    this.entries.set(id, entry);
    this.changed();
    return infoOf(entry);
  }

  private find(kind: Entry['kind'], label: string): Entry | undefined {
    return [...this.entries.values()].find((entry) => entry.kind === kind && entry.link.label === label);
  }

  /** The root of the repository holding `folder` that a live Switchyard on this machine serves. */
  private servedRepo(folder: string): string {
    let dir: string;
    try {
      dir = fs.realpathSync(path.resolve(folder));
    } catch {
      throw new SwitchyardError('not-found', `${folder} does not exist on this machine.`);
    }
    for (;;) {
      if (readInstance(dir, this.options.env)) {
        if (dir === this.options.ownRepo()) throw new SwitchyardError('invalid-input', `${dir} is this window’s own repository.`);
        return dir;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    throw new SwitchyardError(
      'unavailable',
      `No Switchyard is running for ${folder} on this machine. Start one with \`switchyard serve --repo ${folder}\`, then add it again.`,
    );
  }

  private changed(): void {
    this.options.onChange(this.list());
  }
}

function infoOf(entry: Entry): ConnectionInfo {
  return { id: entry.id, label: entry.link.label, kind: entry.kind, state: entry.link.state, detail: entry.link.detail };
}

/** The target as a link's label spells it; as typed when it does not parse (creating the link then says why). */
function typedTargetLabel(target: string): string {
  try {
    return formatRemoteTarget(parseRemoteTarget(target));
  } catch {
    return target;
  }
}
