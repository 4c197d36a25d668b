/**
 * A `CoreLink` to a Switchyard on another machine, over the system's SSH client. Connecting is
 * three SSH steps: check the host has what Switchyard needs (remote-requirements.ts), find or
 * start the remote `serve` for the repository (remote-instance.ts), and forward a private local
 * socket to its port (ssh-tunnel.ts). The remote serve runs detached, so a dropped connection
 * loses nothing there: the link says `reconnecting`, retries with backoff (re-finding the serve,
 * whose port and token may have changed), and is `connected` again.
 *
 *   const link = new RemoteConnection('me@build1', '/home/me/project', { appRoot });
 *   await link.start();             // resolves once connected or failed
 *   link.endpoint();                // { url: 'ws+unix:///…/x.sock:/ws', host: '127.0.0.1:PORT', token }
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WS_PATH } from '../../shared/wire';
import { privateDir, runtimeDir } from '../instances/instance-registry';
import type { CoreLink, LinkEndpoint, LinkState } from './core-link';
import { findRemoteInstance, RemoteStepError, type RemoteInstance } from './remote-instance';
import { minimumNode, parseRequirementsReport, REQUIREMENTS_COMMAND, requirementProblems, requirementsScript } from './remote-requirements';
import { formatRemoteTarget, parseRemoteTarget, type RemoteTarget } from './remote-target';
import { runSsh, sshFailure, sshSettings, SSH_FAILED, type SshSettings } from './ssh-command';
import { answersHttp, openTunnel, type OpenTunnel } from './ssh-tunnel';

/** Waits between reconnect attempts; the last one repeats. */
export const RECONNECT_BACKOFF_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000];

/**
 * How often a connected link asks the far host for any answer through the tunnel. ssh can stay up
 * while the remote serve is gone (it crashed, or someone stopped it): without asking, the link
 * would say connected while every window's socket through it fails.
 */
export const PROBE_INTERVAL_MS = 5_000;

export interface RemoteConnectionOptions {
  /** Holds package.json, whose engines.node is the Node the remote host needs. */
  appRoot?: string;
  /** SWITCHYARD_SSH_CONFIG, SWITCHYARD_REMOTE_COMMAND and the runtime dir are read from it. */
  env?: NodeJS.ProcessEnv;
  /** Override the waits between reconnects (tests of the state machine). */
  backoffMs?: readonly number[];
  /** Override PROBE_INTERVAL_MS (tests). */
  probeMs?: number;
}

export class RemoteConnection implements CoreLink {
  readonly id: string;
  readonly label: string;
  readonly target: RemoteTarget;
  private currentState: LinkState = 'connecting';
  private currentDetail: string | null;
  private instance: RemoteInstance | null = null;
  private tunnel: OpenTunnel | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly settings: SshSettings;
  private readonly remoteCommand: string;
  private readonly hostLabel: string;
  private readonly socketPath: string;
  private readonly backoff: readonly number[];
  private readonly env: NodeJS.ProcessEnv;
  private retryTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  /** Aborted by close(): an SSH step still running then is ended, not left behind. */
  private readonly steps = new AbortController();
  private started: Promise<void> | null = null;
  /** Bumped by close(): a step still running for an older attempt must not change the state. */
  private generation = 0;

  /** Throws RemoteTargetError (a sentence) when `target` is not `[user@]host[:port]`. */
  constructor(
    target: string,
    readonly repo: string,
    private readonly options: RemoteConnectionOptions = {},
  ) {
    this.target = parseRemoteTarget(target);
    this.env = options.env ?? process.env;
    this.settings = sshSettings(this.env);
    this.remoteCommand = this.env.SWITCHYARD_REMOTE_COMMAND?.trim() || 'switchyard';
    this.hostLabel = this.target.host;
    this.backoff = options.backoffMs ?? RECONNECT_BACKOFF_MS;
    this.id = `remote-${randomBytes(6).toString('hex')}`;
    this.label = `${formatRemoteTarget(this.target)}:${repo}`;
    this.socketPath = path.join(runtimeDir(this.env), 'links', `${this.id}.sock`);
    this.currentDetail = this.checkingStep();
  }

  get state(): LinkState {
    return this.currentState;
  }

  get detail(): string | null {
    return this.currentDetail;
  }

  /** The remote serve's pid, once found (for the UI's details and the tests). */
  get remotePid(): number | null {
    return this.instance?.pid ?? null;
  }

  /** The ssh process holding the tunnel, while connected. */
  get tunnelPid(): number | null {
    return this.tunnel?.child.pid ?? null;
  }

  endpoint(): LinkEndpoint | null {
    if (this.currentState !== 'connected' || !this.instance) return null;
    return { url: `ws+unix://${this.socketPath}:${WS_PATH}`, host: `127.0.0.1:${this.instance.port}`, token: this.instance.token };
  }

  onDidChangeState(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Connects once; resolves when the link is `connected` or `failed` (never rejects). Repeat calls share it. */
  start(): Promise<void> {
    this.started ??= this.firstConnect();
    return this.started;
  }

  /** A `failed` link tries again from the start (the person fixed what its detail said); otherwise as start(). */
  retry(): Promise<void> {
    if (this.currentState === 'failed') {
      this.setState('connecting', this.checkingStep());
      this.started = this.firstConnect();
    }
    return this.start();
  }

  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopProbe();
    this.steps.abort();
    this.setState('closed', null);
    await this.endTunnel();
  }

  private async firstConnect(): Promise<void> {
    const generation = this.generation;
    try {
      await this.checkRequirements();
      if (generation !== this.generation) return;
      await this.connectOnce(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      this.setState('failed', messageOf(error));
    }
  }

  /** The first step's progress line (the state starts there, so a first announcement already says it). */
  private checkingStep(): string {
    return `Checking that ${this.hostLabel} has Node, git, Codex and Switchyard…`;
  }

  /** While first connecting, says which step runs (the switcher and `switchyard connect` show it); a reconnect keeps saying why. */
  private step(detail: string): void {
    if (this.currentState === 'connecting') this.setState('connecting', detail);
  }

  private async checkRequirements(): Promise<void> {
    const result = await runSsh(this.target, this.settings, REQUIREMENTS_COMMAND, { stdin: requirementsScript(this.remoteCommand), signal: this.steps.signal });
    if (result.code === SSH_FAILED) throw new RemoteStepError(sshFailure(this.hostLabel, result.stderr));
    const report = parseRequirementsReport(result.stdout);
    const problems = requirementProblems(report, this.hostLabel, minimumNode(this.enginesNode()), this.remoteCommand);
    if (problems.length > 0) throw new RemoteStepError(problems.join(' '));
  }

  private enginesNode(): string | undefined {
    if (!this.options.appRoot) return undefined;
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(this.options.appRoot, 'package.json'), 'utf8')) as { engines?: { node?: string } };
      return pkg.engines?.node;
    } catch {
      return undefined;
    }
  }

  /** Find the serve, open the tunnel, watch it; throws on any failed step. */
  private async connectOnce(generation: number): Promise<void> {
    this.step(`Finding or starting Switchyard for ${this.repo} on ${this.hostLabel}…`);
    const instance = await findRemoteInstance(this.target, this.settings, this.hostLabel, this.remoteCommand, this.repo, this.steps.signal);
    if (generation !== this.generation) return;
    privateDir(runtimeDir(this.env));
    privateDir(path.dirname(this.socketPath));
    this.step(`Opening the SSH tunnel to Switchyard's port ${instance.port} on ${this.hostLabel}…`);
    const tunnel = await openTunnel(this.target, this.settings, this.hostLabel, this.socketPath, instance.port);
    if (generation !== this.generation) {
      // close() ran meanwhile: this tunnel is nobody's.
      tunnel.child.kill('SIGTERM');
      void tunnel.exited.then(() => fs.rmSync(this.socketPath, { force: true }));
      return;
    }
    this.instance = instance;
    this.tunnel = tunnel;
    this.setState('connected', null);
    let farHostGone = false;
    void tunnel.exited.then((ended) => {
      if (generation !== this.generation || this.tunnel !== tunnel) return;
      this.tunnel = null;
      this.stopProbe();
      const how = ended.signal ? `was ended by ${ended.signal}` : `exited with code ${String(ended.code)}`;
      const why = farHostGone
        ? `Switchyard on ${this.hostLabel} stopped answering through the tunnel; finding or starting it again.`
        : `The SSH connection to ${this.hostLabel} dropped (ssh ${how}); reconnecting.`;
      this.scheduleReconnect(generation, 0, why);
    });
    this.probe(tunnel, instance.port, () => {
      // Ending the tunnel's ssh takes the reconnect path above, which finds (or starts) the serve again.
      farHostGone = true;
      tunnel.child.kill('SIGTERM');
    });
  }

  /** Two unanswered probes in a row mean the far host is gone while ssh still holds the tunnel. */
  private probe(tunnel: OpenTunnel, remotePort: number, gone: () => void): void {
    let misses = 0;
    const next = (): void => {
      this.probeTimer = setTimeout(() => {
        this.probeTimer = null;
        void answersHttp(this.socketPath, remotePort).then((answered) => {
          if (this.tunnel !== tunnel) return;
          misses = answered ? 0 : misses + 1;
          if (misses >= 2) gone();
          else next();
        });
      }, this.options.probeMs ?? PROBE_INTERVAL_MS);
      this.probeTimer.unref();
    };
    next();
  }

  private stopProbe(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private scheduleReconnect(generation: number, attempt: number, detail: string): void {
    this.setState('reconnecting', detail);
    const wait = this.backoff[Math.min(attempt, this.backoff.length - 1)] ?? 10_000;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connectOnce(generation).catch((error: unknown) => {
        if (generation !== this.generation) return;
        const seconds = Math.round((this.backoff[Math.min(attempt + 1, this.backoff.length - 1)] ?? 10_000) / 1000);
        this.scheduleReconnect(generation, attempt + 1, `${messageOf(error).replace(/\.$/, '')}; trying again in ${seconds} s.`);
      });
    }, wait);
  }

  private async endTunnel(): Promise<void> {
    const tunnel = this.tunnel;
    this.tunnel = null;
    if (tunnel && tunnel.child.exitCode === null && tunnel.child.signalCode === null) {
      tunnel.child.kill('SIGTERM');
      await tunnel.exited;
    }
    fs.rmSync(this.socketPath, { force: true });
  }

  private setState(state: LinkState, detail: string | null): void {
    if (this.currentState === state && this.currentDetail === detail) return;
    this.currentState = state;
    this.currentDetail = detail;
    for (const listener of [...this.listeners]) listener();
  }
}

function messageOf(error: unknown): string {
  if (error instanceof RemoteStepError) return error.message;
  return `Connecting failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Makes a link and connects it; resolves once it is connected or failed (see `state` and `detail`). */
export async function connectRemote(target: string, repo: string, options: RemoteConnectionOptions = {}): Promise<RemoteConnection> {
  const link = new RemoteConnection(target, repo, options);
  await link.start();
  return link;
}
