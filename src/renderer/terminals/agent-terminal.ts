/**
 * One agent's xterm: created once, kept while the agent exists, and moved between DOM
 * containers as views come and go. Bytes flow transport → xterm here, never through React.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type IDisposable } from '@xterm/xterm';
import type { SwitchyardApi } from '../../shared/api';
import type { CommandOutput } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { LiveOutputGate, OutputAcknowledger } from '../../shared/terminal-stream';
import { observeCellSizeChanges, observeSettledSize } from './size-observer';
import { TERMINAL_OPTIONS } from './terminal-options';
import { createTerminalShortcuts } from './terminal-shortcuts';
import { scaleIntoContainer } from './thumbnail-scale';
import type { TerminalDisplay } from './webgl-budget';
import { tryLoadWebglRenderer, type WebglRenderer } from './webgl-renderer';

export interface TerminalSize {
  cols: number;
  rows: number;
}

type TerminalSnapshot = CommandOutput<'terminal.history'>;

export interface AgentTerminalDeps {
  api: SwitchyardApi;
  useWebgl: boolean;
  onSearchRequested(): void;
  /** The browser took this terminal's WebGL context away; it is on the DOM renderer now. */
  onWebglLost(): void;
  reportError(action: string, error: AppError): void;
}

export class AgentTerminal {
  /** The node xterm renders into; views append it to their own container. */
  readonly element: HTMLDivElement = document.createElement('div');
  readonly search = new SearchAddon();
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly subscriptions: IDisposable[] = [];
  private webgl: WebglRenderer | null = null;
  private opened = false;
  private disposed = false;
  /** Holds live output while the snapshot is on its way, then drops what the snapshot already shows. */
  private readonly gate = new LiveOutputGate();
  private readonly acks: OutputAcknowledger;
  /** Set while the terminal takes the snapshot's size: that is the pty's size already, not a resize to send. */
  private restoring = false;
  /** Lets a newer history request (after a reconnect) win over an older one still in flight. */
  private historyGeneration = 0;

  constructor(
    readonly agentId: string,
    initialSize: TerminalSize,
    private readonly deps: AgentTerminalDeps,
  ) {
    this.element.className = 'terminal-host';
    // Which renderer draws it, for the tests and for anyone inspecting the page.
    this.element.dataset.renderer = 'dom';
    this.acks = new OutputAcknowledger((chars) => {
      // A lost ack only matters to a view that is gone (its count is dropped with it).
      void deps.api.invoke('terminal.ack', { id: agentId, chars });
    });
    this.term = new Terminal({ ...TERMINAL_OPTIONS, cols: initialSize.cols, rows: initialSize.rows });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    this.term.attachCustomKeyEventHandler(
      createTerminalShortcuts(this.term, {
        openSearch: () => deps.onSearchRequested(),
        reportClipboardError: (message) => deps.reportError('Clipboard', { code: 'internal', message }),
      }),
    );
    this.subscriptions.push(
      this.term.onData((data) => this.sendInput(data)),
      this.term.onResize((size) => this.sendResize(size)),
    );
    void this.loadHistory();
  }

  get size(): TerminalSize {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  get isAttached(): boolean {
    return this.element.isConnected;
  }

  /** A `terminal.data` chunk for this agent. */
  receive(seq: number, data: string): void {
    const verdict = this.gate.offer({ seq, data });
    if (verdict === 'write') this.write(data);
    else if (verdict === 'stale') this.acks.done(data.length);
  }

  /** Starts over from the host's snapshot; used after a reconnect, when live data was missed. */
  reloadHistory(): void {
    this.term.reset();
    this.gate.restart();
    this.acks.reset();
    void this.loadHistory();
  }

  /**
   * Shows the terminal inside `container`; returns the function that takes it out again. `fit`
   * sizes it to the container (and the agent's pty with it); `thumbnail` keeps its size and
   * scales it down to the container, so a glance does not resize the agent's screen.
   */
  attachTo(container: HTMLElement, display: TerminalDisplay = 'fit'): () => void {
    container.appendChild(this.element);
    if (!this.opened) this.open();
    const thumbnail = display === 'thumbnail';
    this.element.classList.toggle('thumbnail', thumbnail);
    // A thumbnail is looked at, not typed into: nothing inside takes the focus or the mouse.
    this.element.inert = thumbnail;
    if (thumbnail) {
      const stopScaling = scaleIntoContainer(this.element, container);
      return () => {
        stopScaling();
        this.detachFrom(container);
      };
    }
    this.element.style.transform = '';
    this.fitToContainer();
    // Fitting now uses the layout as it is; the frame after, the layout this view settles in
    // (a grid that gained a cell, a panel that opened with it), so no blank band is left below.
    const frame = requestAnimationFrame(() => this.fitToContainer());
    const stopObserving = observeSettledSize(container, () => this.fitToContainer());
    const stopWatchingCells = observeCellSizeChanges(() => this.fitToContainer());
    return () => {
      cancelAnimationFrame(frame);
      stopObserving();
      stopWatchingCells();
      this.detachFrom(container);
    };
  }

  /** Gives the terminal a WebGL renderer, or takes it back (freeing the context); see webgl-budget.ts. */
  setWebgl(wanted: boolean): void {
    if (!wanted) {
      this.webgl?.release();
      this.webgl = null;
    } else if (!this.webgl && this.opened && !this.disposed && this.deps.useWebgl) {
      this.webgl = tryLoadWebglRenderer(this.term, () => {
        this.webgl = null;
        this.element.dataset.renderer = 'dom';
        this.deps.onWebglLost();
      });
    }
    this.element.dataset.renderer = this.webgl ? 'webgl' : 'dom';
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.webgl?.release();
    this.webgl = null;
    this.term.dispose();
    this.element.remove();
  }

  private open(): void {
    this.term.open(this.element);
    this.opened = true;
  }

  private detachFrom(container: HTMLElement): void {
    // Another view may have taken the element meanwhile; only remove it from our own container.
    if (this.element.parentElement === container) container.removeChild(this.element);
  }

  private fitToContainer(): void {
    // A hidden container has no size; fitting then would shrink the terminal to nothing.
    if (this.disposed || !this.isAttached || this.element.clientWidth === 0) return;
    this.fit.fit();
  }

  private async loadHistory(): Promise<void> {
    const generation = ++this.historyGeneration;
    const result = await this.deps.api.invoke('terminal.history', { id: this.agentId });
    if (this.disposed || generation !== this.historyGeneration) return;
    if (result.ok) this.restore(result.value);
    else this.deps.reportError(`Loading the output of ${this.agentId}`, result.error);
    const { fresh, stale } = this.gate.open(result.ok ? result.value.seq : 0);
    for (const chunk of stale) this.acks.done(chunk.data.length);
    for (const chunk of fresh) this.write(chunk.data);
  }

  /** Writes the core's snapshot at the size it was taken at (it reads right only there), then fits. */
  private restore(snapshot: TerminalSnapshot): void {
    this.restoring = true;
    try {
      this.term.resize(snapshot.cols, snapshot.rows);
    } finally {
      this.restoring = false;
    }
    this.term.write(snapshot.data, () => this.fitToContainer());
  }

  /** Writes live output; it is acknowledged once xterm has parsed it, which is what flow control waits for. */
  private write(data: string): void {
    this.term.write(data, () => this.acks.done(data.length));
  }

  private sendInput(data: string): void {
    void this.deps.api.invoke('terminal.input', { id: this.agentId, data }).then((result) => {
      if (!result.ok) this.deps.reportError('Typing into the agent', result.error);
    });
  }

  private sendResize(size: TerminalSize): void {
    if (this.restoring) return;
    // Failures are not shown: an ended agent has no pty to resize, and that is fine.
    void this.deps.api.invoke('terminal.resize', { id: this.agentId, cols: size.cols, rows: size.rows });
  }
}
