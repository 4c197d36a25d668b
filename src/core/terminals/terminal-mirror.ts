/**
 * A headless xterm that parses everything an agent's terminal printed, so a view that attaches
 * late (a reloaded window, a second browser tab) gets the current screen and recent scrollback
 * back at once, as escape sequences it can write into its own xterm.
 */
import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/headless';
import { KeptAltScreen } from './kept-alt-screen';

/**
 * Lines above the screen the mirror keeps. Half the renderer's 10,000: a restored view gets a
 * useful stretch back while a mirror per agent stays near 7 MB at 120 columns (xterm stores 12
 * bytes per cell).
 */
export const MIRROR_SCROLLBACK_LINES = 5_000;

/** What a view needs to show a terminal as it is now. */
export interface TerminalSnapshot {
  /** Screen and scrollback, serialized as escape sequences. */
  data: string;
  /** The last output chunk the snapshot includes; a view drops live chunks numbered up to it. */
  seq: number;
  /** The size the snapshot was taken at; it reads right only when written at this size. */
  cols: number;
  rows: number;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export class TerminalMirror {
  private readonly term: Terminal;
  private readonly serializer = new SerializeAddon();
  private readonly altScreen: KeptAltScreen;
  private lastSeq = 0;
  private disposed = false;
  /** Snapshots waiting for the parser; settled on dispose, whose pending writes never finish. */
  private readonly waiting = new Set<() => void>();

  constructor(size: TerminalSize) {
    this.term = new Terminal({
      cols: size.cols,
      rows: size.rows,
      scrollback: MIRROR_SCROLLBACK_LINES,
      // Floods of arbitrary bytes would otherwise log every unknown sequence.
      logLevel: 'off',
      allowProposedApi: true,
    });
    this.term.loadAddon(this.serializer);
    this.altScreen = new KeptAltScreen(this.term, this.serializer);
  }

  /** The number of the last chunk written (parsed or still queued). */
  get seq(): number {
    return this.lastSeq;
  }

  /** Queues chunk `seq`; `parsed` runs once xterm has parsed it (xterm parses asynchronously). */
  write(seq: number, data: string, parsed: () => void): void {
    this.lastSeq = seq;
    this.term.write(data, parsed);
  }

  /**
   * Resizes once the output before it is parsed: that output was laid out by the program for the
   * old size, just as the pty saw it.
   */
  resize(size: TerminalSize): void {
    this.term.write('', () => this.term.resize(size.cols, size.rows));
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * The screen as of everything written so far (waits for the parser to catch up), with up to
   * `scrollbackLines` lines above it.
   */
  snapshot(scrollbackLines: number = MIRROR_SCROLLBACK_LINES): Promise<TerminalSnapshot> {
    const seq = this.lastSeq;
    return this.whenParsed(() => ({
      data: this.disposed ? '' : this.serializer.serialize({ scrollback: scrollbackLines }),
      seq,
      cols: this.term.cols,
      rows: this.term.rows,
    }));
  }

  /**
   * Once a program has left the alternate screen (Codex at exit), what to write so its last
   * screen shows above what it printed after; null when there is nothing to put back.
   */
  keptScreen(): Promise<string | null> {
    return this.whenParsed(() => (this.disposed ? null : this.altScreen.restoreSequence()));
  }

  /** `read` run once the parser has caught up with everything written so far (or on dispose). */
  private whenParsed<T>(read: () => T): Promise<T> {
    if (this.disposed) return Promise.resolve(read());
    return new Promise((resolve) => {
      const settle = (): void => {
        this.waiting.delete(settle);
        resolve(read());
      };
      this.waiting.add(settle);
      // Callbacks run in write order, right after their chunk is parsed and before the next one
      // is: here the terminal holds exactly the chunks written so far. `read` must run here, not
      // after an await, by when the parser may have gone on.
      this.term.write('', settle);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const settle of [...this.waiting]) settle();
    this.term.dispose();
  }
}
