/**
 * Every keyboard shortcut, as the `?`/F1 overlay lists them. The handlers live in
 * global-shortcuts.ts (app-wide) and terminals/terminal-shortcuts.ts (inside a terminal); this
 * list is what the user reads, so keep it in step with them (and with README's table).
 */
export interface ShortcutEntry {
  keys: string;
  does: string;
}

export interface ShortcutGroup {
  title: string;
  entries: readonly ShortcutEntry[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    entries: [
      { keys: 'Alt+1 … Alt+9', does: 'Show the terminal of the 1st … 9th agent in the list (running agents first, then ended)' },
      { keys: 'Ctrl+Shift+N', does: 'New agent' },
      { keys: 'Ctrl+Shift+G', does: 'Commit the agents’ changes' },
      { keys: 'Alt+M', does: 'Show or hide the change map' },
      { keys: 'Alt+Shift+M', does: 'Show the change map beside the selected terminal, or again in its place' },
      { keys: 'Alt+Shift+← → ↑ ↓', does: 'Move to the neighbouring pane (Grid), or the previous / next agent (Tabs, Focus)' },
      { keys: 'Alt+PageUp, Alt+PageDown', does: 'Previous / next page of the grid' },
      { keys: 'Alt+Z', does: 'Maximize the selected pane of the grid, or restore the grid' },
      { keys: 'Alt+S', does: 'Show or hide the Metrics view (time per state, tokens and cost, edits over time)' },
      { keys: 'Esc', does: 'Close the Metrics view or the change map (or the open dialog)' },
      { keys: '? or F1', does: 'This list (? only while not typing in a field or terminal)' },
    ],
  },
  {
    title: 'In a terminal',
    entries: [
      { keys: 'Ctrl+Shift+C', does: 'Copy the selection' },
      { keys: 'Ctrl+Shift+V', does: 'Paste' },
      { keys: 'Ctrl+Shift+F', does: 'Find in the scrollback (Enter next, Shift+Enter previous, Esc close)' },
    ],
  },
  {
    title: 'In the terminal tabs',
    entries: [{ keys: '← →, Home, End', does: 'Move between agents’ tabs' }],
  },
  {
    title: 'On the bar between the map and a terminal',
    entries: [{ keys: '← →, Home, End', does: 'Give the map less or more of the width' }],
  },
  {
    title: 'In the grid',
    entries: [{ keys: 'Double-click a pane’s header', does: 'Maximize the pane, or restore the grid' }],
  },
];
