/**
 * Codex draws its TUI on the alternate screen and, when it exits, clears it and switches back:
 * the terminal then shows only its exit lines, and the conversation is gone. This watches the
 * mirror's parser for that exit and keeps the last alternate screen (captured just before it was
 * cleared), so the core can put it back above the exit lines once the process has ended.
 *
 * The hooks run only on the rare sequences that switch or wholly erase the alternate screen
 * (a handful per Codex run), so watching costs next to nothing.
 */
import type { SerializeAddon } from '@xterm/addon-serialize';
import type { IMarker, Terminal } from '@xterm/headless';

/** DECSET/DECRST 1049: the alternate screen with the cursor saved (what Codex and most TUIs use). */
const ALT_SCREEN_MODE = 1049;
/** What the serializer writes before the alternate screen's content. */
const ALT_SCREEN_START = '\x1b[?1049h\x1b[H';
/** The serializer ends with relative moves back to the cursor and its style: meaningless elsewhere. */
// eslint-disable-next-line no-control-regex -- escape sequences are control characters.
const TRAILING_CURSOR = /(?:\x1b\[\d+[ABCD])*(?:\x1b\[[\d;]*m)?$/;

interface LeftScreen {
  /** The alternate screen as it was last seen with content, serialized. */
  frame: string;
  /** Where in the normal buffer the program switched to the alternate screen (and so where its later output began). */
  entry: IMarker | undefined;
}

export class KeptAltScreen {
  private entry: IMarker | undefined;
  /** The alternate screen captured when it was last wholly erased. */
  private erased: string | null = null;
  private left: LeftScreen | null = null;

  constructor(
    private readonly term: Terminal,
    private readonly serializer: SerializeAddon,
  ) {
    const parser = term.parser;
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (params.includes(ALT_SCREEN_MODE) && !this.onAltScreen) this.entered();
      return false;
    });
    parser.registerCsiHandler({ final: 'J' }, (params) => {
      if (this.onAltScreen && this.erasesScreen(params) && this.altHasContent()) this.erased = this.altFrame();
      return false;
    });
    parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.includes(ALT_SCREEN_MODE) && this.onAltScreen) this.leaving();
      return false;
    });
  }

  /**
   * What to write so the last alternate screen shows above what the program printed after it
   * (its exit lines), or null when there is none to put back. Call with the parser caught up;
   * it is given out once.
   */
  restoreSequence(): string | null {
    const left = this.left;
    this.left = null;
    if (!left || this.onAltScreen) return null;
    const buffer = this.term.buffer.normal;
    const frame = `${left.frame}\x1b[0m\r\n`;
    const entryLine = left.entry && !left.entry.isDisposed ? left.entry.line : -1;
    left.entry?.dispose();
    const entryRow = entryLine - buffer.baseY;
    // The exit lines scrolled off the screen (or the marker fell out of the scrollback): the
    // screen goes below them instead.
    if (entryLine < 0 || entryRow < 0) return `\r\n${frame}`;
    const cursorLine = buffer.baseY + buffer.cursorY;
    const atLineStart = buffer.cursorX === 0;
    const lastLine = atLineStart ? cursorLine - 1 : cursorLine;
    const after =
      lastLine >= entryLine
        ? this.serializer.serialize({ range: { start: entryLine, end: lastLine }, excludeModes: true, excludeAltBuffer: true })
        : '';
    // Back to where the program's screen began, clear what it printed since, then the screen
    // and, below it, that output again.
    return `\x1b[${entryRow + 1};1H\x1b[0m\x1b[J${frame}${after}${atLineStart && after ? '\r\n' : ''}`;
  }

  private get onAltScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  private entered(): void {
    // The normal buffer is still active: the marker sits on the line its cursor is on.
    this.entry?.dispose();
    this.left?.entry?.dispose();
    this.entry = this.term.registerMarker(0);
    this.erased = null;
    this.left = null;
  }

  private leaving(): void {
    const frame = this.altHasContent() ? this.altFrame() : this.erased;
    this.left = frame ? { frame, entry: this.entry } : null;
    if (!frame) this.entry?.dispose();
    this.entry = undefined;
    this.erased = null;
  }

  /** ED 2 and 3 erase everything; ED 0 from the top-left corner does too. */
  private erasesScreen(params: (number | number[])[]): boolean {
    const mode = params[0] ?? 0;
    const buffer = this.term.buffer.active;
    return mode === 2 || mode === 3 || (mode === 0 && buffer.cursorX === 0 && buffer.cursorY === 0);
  }

  private altHasContent(): boolean {
    const buffer = this.term.buffer.alternate;
    for (let y = 0; y < this.term.rows; y++) {
      if (buffer.getLine(y)?.translateToString(true).trim()) return true;
    }
    return false;
  }

  /** The alternate screen, serialized (the normal buffer's part is cut to one line, then dropped). */
  private altFrame(): string {
    const all = this.serializer.serialize({ range: { start: 0, end: 0 }, excludeModes: true });
    const start = all.lastIndexOf(ALT_SCREEN_START);
    return start === -1 ? '' : all.slice(start + ALT_SCREEN_START.length).replace(TRAILING_CURSOR, '');
  }
}
