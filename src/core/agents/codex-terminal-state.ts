/**
 * Codex announces its TUI state in an OSC 7501 sequence (`ESC ] 7501 ; state=working:app=codex BEL`).
 * Reading it is sturdier than scraping the screen. The sequence can be split across pty chunks,
 * so the parser keeps a short tail between calls.
 */
export type CodexTerminalState = 'working' | 'idle' | 'done' | 'waiting';

// eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters.
const OSC_STATE = /\x1b\]7501;state=([a-z_-]+)(?::[^\x07\x1b]*)?(?:\x07|\x1b\\)/g;
const MAX_TAIL = 128;

export class CodexTerminalStateParser {
  private tail = '';

  /** Returns the last state announced in `chunk`, or null when none was. */
  feed(chunk: string): CodexTerminalState | null {
    const text = this.tail + chunk;
    let last: CodexTerminalState | null = null;
    let consumed = 0;
    for (const match of text.matchAll(OSC_STATE)) {
      consumed = (match.index ?? 0) + match[0].length;
      const state = normalise(match[1] ?? '');
      if (state) last = state;
    }
    const rest = text.slice(consumed);
    const start = rest.lastIndexOf('\x1b]7501');
    this.tail = start >= 0 ? rest.slice(start).slice(-MAX_TAIL) : '';
    return last;
  }
}

function normalise(raw: string): CodexTerminalState | null {
  switch (raw) {
    case 'working':
    case 'running':
      return 'working';
    case 'idle':
      return 'idle';
    case 'done':
      return 'done';
    // Codex 0.169 announces an approval prompt as `state=blocked:app=codex:kind=permission`.
    case 'blocked':
    case 'waiting':
    case 'waiting_for_input':
    case 'waiting-for-input':
    case 'approval':
      return 'waiting';
    default:
      return null;
  }
}
