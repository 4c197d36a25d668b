/**
 * Every agent's terminal, by agent id, outside React. Terminals are created on first view and
 * live until their agent leaves the list, so switching views never loses the screen. One global
 * `terminal.data` subscription routes each chunk to its terminal. It also shares out the WebGL
 * renderers among the terminals on screen (webgl-budget.ts), so the browser never loses a context.
 */
import type { SwitchyardApi } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { AgentTerminal, type TerminalSize } from './agent-terminal';
import { WEBGL_BUDGET, webglHolders, type ShownTerminal, type TerminalDisplay } from './webgl-budget';

export interface TerminalRegistryOptions {
  api: SwitchyardApi;
  useWebgl: boolean;
  onSearchRequested(agentId: string): void;
  reportError(action: string, error: AppError): void;
}

export class TerminalRegistry {
  private readonly terminals = new Map<string, AgentTerminal>();
  private readonly stopListening: () => void;
  /** The terminals on screen now, by agent id (a terminal is in one view at a time). */
  private readonly shown = new Map<string, Omit<ShownTerminal, 'webglLost'>>();
  /** Agents whose terminal lost its WebGL context once: DOM renderer from then on. */
  private readonly lostWebgl = new Set<string>();
  private showCount = 0;
  private focusedAgentId: string | null = null;
  private rebalanceQueued = false;

  constructor(private readonly options: TerminalRegistryOptions) {
    this.stopListening = options.api.on('terminal.data', ({ id, seq, data }) => {
      // No terminal yet means nobody looked at this agent; its snapshot covers it on first view
      // (and the core does not count this view for it until then, so no ack is owed).
      this.terminals.get(id)?.receive(seq, data);
    });
  }

  /** Shows the agent's terminal (creating it on first use) in `container`; returns the detach. */
  attach(agentId: string, container: HTMLElement, initialSize: TerminalSize, display: TerminalDisplay = 'fit'): () => void {
    const detach = this.ensure(agentId, initialSize).attachTo(container, display);
    const shownAt = ++this.showCount;
    this.shown.set(agentId, { agentId, display, shownAt });
    this.queueRebalance();
    return () => {
      detach();
      // A view that took the terminal over meanwhile owns the entry now.
      if (this.shown.get(agentId)?.shownAt === shownAt) this.shown.delete(agentId);
      this.queueRebalance();
    };
  }

  /** The agent the user works with: its terminal is first in line for WebGL. */
  setFocusedAgent(agentId: string | null): void {
    if (agentId === this.focusedAgentId) return;
    this.focusedAgentId = agentId;
    this.queueRebalance();
  }

  get(agentId: string): AgentTerminal | undefined {
    return this.terminals.get(agentId);
  }

  /** The size of a terminal on screen, so a new agent's pty starts at the size it will be shown. */
  visibleSize(): TerminalSize | null {
    // A fitted terminal's size is its pane's; a thumbnail only keeps the size its agent had.
    for (const { agentId, display } of this.shown.values()) {
      const terminal = this.terminals.get(agentId);
      if (display === 'fit' && terminal?.isAttached) return terminal.size;
    }
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
      this.shown.delete(id);
      this.lostWebgl.delete(id);
    }
  }

  dispose(): void {
    this.stopListening();
    for (const terminal of this.terminals.values()) terminal.dispose();
    this.terminals.clear();
  }

  /**
   * Views attach and detach in bursts (a page of the grid turning); rebalancing once after the
   * burst, releasing before loading, keeps the live contexts within the budget at every moment.
   */
  private queueRebalance(): void {
    if (this.rebalanceQueued) return;
    this.rebalanceQueued = true;
    queueMicrotask(() => {
      this.rebalanceQueued = false;
      this.rebalance();
    });
  }

  private rebalance(): void {
    const shown = [...this.shown.values()].map((entry) => ({ ...entry, webglLost: this.lostWebgl.has(entry.agentId) }));
    const holders = webglHolders(shown, this.focusedAgentId, WEBGL_BUDGET);
    for (const [id, terminal] of this.terminals) if (!holders.has(id)) terminal.setWebgl(false);
    for (const id of holders) this.terminals.get(id)?.setWebgl(true);
  }

  private ensure(agentId: string, initialSize: TerminalSize): AgentTerminal {
    let terminal = this.terminals.get(agentId);
    if (!terminal) {
      terminal = new AgentTerminal(agentId, initialSize, {
        api: this.options.api,
        useWebgl: this.options.useWebgl,
        onSearchRequested: () => this.options.onSearchRequested(agentId),
        onWebglLost: () => {
          this.lostWebgl.add(agentId);
          // The budget it held goes to the next terminal in line.
          this.queueRebalance();
        },
        reportError: this.options.reportError,
      });
      this.terminals.set(agentId, terminal);
    }
    return terminal;
  }
}
