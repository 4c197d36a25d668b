/**
 * A link to another Switchyard on this machine: the one whose instance file (instances/) names the
 * repository. Nothing needs tunnelling; the endpoint is its loopback port and token, read afresh
 * from the instance file, so a Switchyard restarted on the same repository (a new port and token)
 * is found again without the user adding it anew.
 */
import { readInstance, type InstanceInfo } from '../instances/instance-registry';
import type { CoreLink, LinkEndpoint, LinkState } from '../remote/core-link';
import { WS_PATH } from '../../shared/wire';

/**
 * How often a connected link checks that its Switchyard still runs, and a lost one looks for a new
 * one: an instance killed outright leaves its file behind, so only its pid tells.
 */
export const INSTANCE_POLL_MS = 1_000;

export interface LocalInstanceLinkOptions {
  id: string;
  /** The repository's root, as its Switchyard registered it. */
  repo: string;
  env?: NodeJS.ProcessEnv;
  /** 0 never polls (unit tests call `refresh`). */
  pollMs?: number;
}

export class LocalInstanceLink implements CoreLink {
  readonly id: string;
  readonly label: string;
  private currentState: LinkState = 'connecting';
  private currentDetail: string | null = null;
  private instance: InstanceInfo | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: LocalInstanceLinkOptions) {
    this.id = options.id;
    this.label = options.repo;
    this.refresh();
    const pollMs = options.pollMs ?? INSTANCE_POLL_MS;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.refresh(), pollMs);
      this.timer.unref();
    }
  }

  get state(): LinkState {
    return this.currentState;
  }

  get detail(): string | null {
    return this.currentDetail;
  }

  /** Reads the instance file again; announces a change of state. */
  refresh(): void {
    if (this.currentState === 'closed') return;
    const before = this.instance;
    this.instance = readInstance(this.options.repo, this.options.env);
    const found = this.instance;
    const sameInstance = before !== null && found !== null && before.pid === found.pid && before.port === found.port;
    if (found) {
      if (this.currentState === 'connected' && sameInstance) return;
      this.setState('connected', null);
    } else {
      if (this.currentState === 'reconnecting') return;
      const lost = before ? `The Switchyard serving ${this.options.repo} (pid ${before.pid}) stopped` : `No Switchyard serves ${this.options.repo}`;
      this.setState('reconnecting', `${lost}; waiting for one to start there (\`switchyard serve --repo ${this.options.repo}\`).`);
    }
  }

  endpoint(): LinkEndpoint | null {
    this.refresh();
    const found = this.instance;
    if (!found || this.currentState !== 'connected') return null;
    return { url: `ws://127.0.0.1:${found.port}${WS_PATH}`, host: `127.0.0.1:${found.port}`, token: found.token };
  }

  onDidChangeState(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    this.setState('closed', null);
    this.listeners.clear();
    return Promise.resolve();
  }

  private setState(state: LinkState, detail: string | null): void {
    this.currentState = state;
    this.currentDetail = detail;
    for (const listener of [...this.listeners]) listener();
  }
}
