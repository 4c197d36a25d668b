/**
 * Every agent's TerminalSession, by agent id, and the face they show to transports: a transport
 * (the WebSocket host, the Electron window) names each view it serves and reports what it sent
 * to it and when it went away, so a closed tab never keeps an agent paused.
 */
import type { TerminalSize } from './terminal-mirror';
import { TerminalSession } from './terminal-session';

/** What a transport tells the core about the views it serves. */
export interface TerminalViews {
  /** Whether `view` shows the agent (it asked for the agent's history): only then it acks. */
  isShowing(view: string, agentId: string): boolean;
  /** `chars` of the agent's output went out to `view`. */
  sent(view: string, agentId: string, chars: number): void;
  /** The view went away (socket closed, window reloaded): it holds no pty paused any more. */
  close(view: string): void;
}

export class TerminalSessions implements TerminalViews {
  private readonly sessions = new Map<string, TerminalSession>();

  /** The agent's session, created at `size` on first use. */
  open(agentId: string, size: TerminalSize): TerminalSession {
    let session = this.sessions.get(agentId);
    if (!session) {
      session = new TerminalSession(size);
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

  /** The agent is gone for good (removed): its screen and scrollback go with it. */
  dispose(agentId: string): void {
    this.sessions.get(agentId)?.dispose();
    this.sessions.delete(agentId);
  }

  disposeAll(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }
}

