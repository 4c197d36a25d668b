/**
 * Every keyboard shortcut, as the `?`/F1 overlay lists them. The handlers live in
 * global-shortcuts.ts (app-wide) and terminals/terminal-shortcuts.ts (inside a terminal); this
 * list is what the user reads, so keep it in step with them (and with README's table).
 */
export interface ShortcutEntry {
  keys: string;
  does: string;
  /** A key that means something different in each terminal layout: what it does in each. */
  byLayout?: readonly LayoutMeaning[];
}

export interface LayoutMeaning {
  layout: 'Grid' | 'Tabs' | 'Focus';
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
      { keys: 'Alt+S', does: 'Show or hide the Metrics view (time per state, tokens and cost, edits over time)' },
      { keys: 'Esc', does: 'Close the Metrics view or the change map (or the open dialog)' },
      { keys: '? or F1', does: 'This list (? only while not typing in a field or terminal)' },
    ],
  },
  {
    // pane-shortcuts.ts; they work from inside a terminal too.
    title: 'Between the agents’ terminals',
    entries: [
      {
        keys: 'Alt+Shift+← → ↑ ↓',
        does: 'Move to another agent’s terminal; the keyboard goes with it',
        byLayout: [
          { layout: 'Grid', does: 'the neighbouring pane (← → also cross to the next or previous page)' },
          { layout: 'Tabs', does: 'the previous (← ↑) / next (→ ↓) tab' },
          { layout: 'Focus', does: 'the previous / next agent comes to the large pane from the thumbnails' },
        ],
      },
      {
        keys: 'Alt+PageUp, Alt+PageDown',
        does: 'Back / on, a page or an agent at a time',
        byLayout: [
          { layout: 'Grid', does: 'previous / next page (its first pane selected); with a pane maximized, the previous / next agent maximized' },
          { layout: 'Tabs', does: 'previous / next tab' },
          { layout: 'Focus', does: 'the previous / next agent to the large pane' },
        ],
      },
      {
        keys: 'Alt+Z',
        does: 'One terminal filling the area, or the others back beside it',
        byLayout: [
          { layout: 'Grid', does: 'maximize the selected pane, or restore the grid' },
          { layout: 'Tabs', does: 'switch to Focus on the same agent (the next Alt+Z comes back to Tabs)' },
          { layout: 'Focus', does: 'hide the thumbnails so the terminal fills the area, or show them again' },
        ],
      },
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
    title: 'In the grid and Focus',
    entries: [{ keys: 'Double-click a pane’s header', does: 'Maximize the pane, or restore the grid (or the thumbnails)' }],
  },
];
