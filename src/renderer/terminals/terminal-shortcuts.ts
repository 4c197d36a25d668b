import type { Terminal } from '@xterm/xterm';

export interface TerminalShortcutActions {
  openSearch(): void;
  reportClipboardError(message: string): void;
}

/**
 * Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes, Ctrl+Shift+F opens search. The result
 * is xterm's custom key handler: returning false keeps xterm from also sending the key to the
 * agent (Ctrl+Shift+C would otherwise arrive as ^C and interrupt it).
 */
export function createTerminalShortcuts(
  term: Terminal,
  actions: TerminalShortcutActions,
): (event: KeyboardEvent) => boolean {
  const shortcuts: Record<string, () => void> = {
    c: () => copySelection(term, actions),
    v: () => pasteClipboard(term, actions),
    f: () => actions.openSearch(),
  };
  return (event) => {
    if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return true;
    const shortcut = shortcuts[event.key.toLowerCase()];
    if (!shortcut) return true;
    // xterm asks on keydown, keypress and keyup; act once but swallow all three.
    if (event.type === 'keydown') {
      event.preventDefault();
      shortcut();
    }
    return false;
  };
}

function copySelection(term: Terminal, actions: TerminalShortcutActions): void {
  if (!term.hasSelection()) return;
  navigator.clipboard.writeText(term.getSelection()).catch(() => {
    actions.reportClipboardError('Could not copy: the browser denied clipboard access.');
  });
}

function pasteClipboard(term: Terminal, actions: TerminalShortcutActions): void {
  navigator.clipboard
    .readText()
    // term.paste applies bracketed paste when the agent asked for it, like a native paste.
    .then((text) => term.paste(text))
    .catch(() => {
      actions.reportClipboardError('Could not paste: the browser denied clipboard access. Try right-click → Paste.');
    });
}
