/**
 * Every agent's terminal, by agent id, outside React. Terminals are created on first view and
 * live until their agent leaves the list, so switching views never loses the screen. One global
 * `terminal.data` subscription routes each chunk to its terminal.
 */
import type { SwitchyardApi } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { AgentTerminal, type TerminalSize } from './agent-terminal';

export interface TerminalRegistryOptions {
  api: SwitchyardApi;
  useWebgl: boolean;
  onSearchRequested(agentId: string): void;
  reportError(action: string, error: AppError): void;
}

export class TerminalRegistry {
  private readonly terminals = new Map<string, AgentTerminal>();
  private readonly stopListening: () => void;

  constructor(private readonly options: TerminalRegistryOptions) {
    this.stopListening = options.api.on('terminal.data', ({ id, seq, data }) => {
      // No terminal yet means nobody looked at this agent; its snapshot covers it on first view
      // (and the core does not count this view for it until then, so no ack is owed).
      this.terminals.get(id)?.receive(seq, data);
    });
  }

  /** Shows the agent's terminal (creating it on first use) in `container`; returns the detach. */
  attach(agentId: string, container: HTMLElement, initialSize: TerminalSize): () => void {
    return this.ensure(agentId, initialSize).attachTo(container);
  }

  get(agentId: string): AgentTerminal | undefined {
    return this.terminals.get(agentId);
  }

  /** The size of a terminal on screen, so a new agent's pty starts at the size it will be shown. */
  visibleSize(): TerminalSize | null {
    for (const terminal of this.terminals.values()) if (terminal.isAttached) return terminal.size;
    return null;
  }

  /** After a reconnect: live data sent while the link was down is lost, so fetch history again. */
  reloadAll(): void {
    for (const terminal of this.terminals.values()) terminal.reloadHistory();
  }

  /** Drops the terminals of agents no longer listed (e.g. another repository was opened). */
  retain(agentIds: ReadonlySet<string>): void {
    for (const [id, terminal] of this.terminals) {
      if (agentIds.has(id)) continue;
      terminal.dispose();
      this.terminals.delete(id);
    }
  }

  dispose(): void {
    this.stopListening();
    for (const terminal of this.terminals.values()) terminal.dispose();
    this.terminals.clear();
  }

  private ensure(agentId: string, initialSize: TerminalSize): AgentTerminal {
    let terminal = this.terminals.get(agentId);
    if (!terminal) {
      terminal = new AgentTerminal(agentId, initialSize, {
        api: this.options.api,
        useWebgl: this.options.useWebgl,
        onSearchRequested: () => this.options.onSearchRequested(agentId),
        reportError: this.options.reportError,
      });
      this.terminals.set(agentId, terminal);
    }
    return terminal;
  }
}
