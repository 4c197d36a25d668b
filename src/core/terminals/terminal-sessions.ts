/**
 * Every agent's TerminalSession, by agent id, and the face they show to transports: a transport
 * (the WebSocket host, the Electron window) names each view it serves and reports what it sent
 * to it and when it went away, so a closed tab never keeps an agent paused.
 *
 * In an open repository each terminal is also saved under `.agents/terminals/`, and the terminal
 * of an agent from an earlier run is put back from there the first time it is asked for.
 */
import { systemClock, type Clock } from '../lifecycle/clock';
import { restoreNote } from './restore-note';
import type { TerminalSize } from './terminal-mirror';
import { TerminalSession } from './terminal-session';
import { NOTHING_SAVED, TerminalStore } from './terminal-store';

/** What a transport tells the core about the views it serves. */
export interface TerminalViews {
  /** Whether `view` shows the agent (it asked for the agent's history): only then it acks. */
  isShowing(view: string, agentId: string): boolean;
  /** `chars` of the agent's output went out to `view`. */
  sent(view: string, agentId: string, chars: number): void;
  /** The view went away (socket closed, window reloaded): it holds no pty paused any more. */
  close(view: string): void;
}

/** An agent of an earlier run, as far as its saved terminal is concerned. */
export interface SavedAgent {
  id: string;
  /** Set once the agent has started: an agent that never ran has no screen to miss. */
  pid: number | null;
}

export interface TerminalSessionsOptions {
  clock?: Clock;
  /** A saved terminal could not be written or removed (told, not thrown: agents run on). */
  onProblem?: (message: string) => void;
}

export class TerminalSessions implements TerminalViews {
  private readonly sessions = new Map<string, TerminalSession>();
  private store: TerminalStore | null = null;
  /** Agents of an earlier run whose terminals have not been put back yet, by id. */
  private readonly saved = new Map<string, SavedAgent>();

  constructor(private readonly options: TerminalSessionsOptions = {}) {}

  /**
   * Another repository was opened: the terminals shown so far go (their last output saved), and
   * the terminals of `agents` come back from `agentsDir` when first asked for. Files of agents
   * the registry no longer holds are removed.
   */
  reopen(agentsDir: string, agents: readonly SavedAgent[]): void {
    this.disposeAll();
    this.store = new TerminalStore(agentsDir, this.options.clock ?? systemClock, this.options.onProblem ?? (() => {}));
    this.saved.clear();
    for (const agent of agents) this.saved.set(agent.id, agent);
    this.store.prune(new Set(this.saved.keys()));
  }

  /** The agent's session, created at `size` on first use (its saved screen put back, if it has one). */
  open(agentId: string, size: TerminalSize): TerminalSession {
    let session = this.sessions.get(agentId);
    if (!session) {
      session = this.create(agentId, size);
      this.sessions.set(agentId, session);
    }
    return session;
  }

  get(agentId: string): TerminalSession | undefined {
    return this.sessions.get(agentId);
  }

  acknowledged(view: string, agentId: string, chars: number): void {
    this.sessions.get(agentId)?.acknowledged(view, chars);
  }

  isShowing(view: string, agentId: string): boolean {
    return this.sessions.get(agentId)?.isShowing(view) ?? false;
  }

  sent(view: string, agentId: string, chars: number): void {
    this.sessions.get(agentId)?.sent(view, chars);
  }

  close(view: string): void {
    for (const session of this.sessions.values()) session.detach(view);
  }

  /** The agent is gone for good (removed): its screen and scrollback go with it, saved file included. */
  dispose(agentId: string): void {
    this.sessions.get(agentId)?.dispose();
    this.sessions.delete(agentId);
    this.saved.delete(agentId);
    this.store?.clear(agentId);
  }

  /** Resolves once every terminal's output so far is in its saved file. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.flush()));
  }

  disposeAll(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private create(agentId: string, size: TerminalSize): TerminalSession {
    const session = new TerminalSession(size);
    const store = this.store;
    if (!store || !store.accepts(agentId)) return session;
    const earlier = this.saved.get(agentId);
    this.saved.delete(agentId);
    let saved = NOTHING_SAVED;
    if (earlier) {
      saved = store.read(agentId);
      session.replay(saved.records, restoreNote(saved, earlier.pid !== null));
    } else {
      store.clear(agentId);
    }
    const log = store.writer(agentId, saved, (lines) => session.savedSnapshot(lines));
    // A file starts with the size its output is laid out for.
    if (saved.bytes === 0) log.size(size);
    session.keepLog(log);
    return session;
  }
}

