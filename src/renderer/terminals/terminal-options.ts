import type { ITerminalInitOnlyOptions, ITerminalOptions, ITheme } from '@xterm/xterm';

/**
 * Lines kept above the screen per agent. Codex sessions run long; 10,000 lines keeps a useful
 * stretch of context while bounding memory (a few MB per terminal) when many agents are open.
 */
export const SCROLLBACK_LINES = 10_000;

/** Colours match styles.css so the terminal reads as part of the page. */
const THEME: ITheme = {
  background: '#11151c',
  foreground: '#d8dee9',
  cursor: '#e5e9f0',
  cursorAccent: '#11151c',
  selectionBackground: '#3b4a66',
  black: '#1b1f27',
  red: '#e06c75',
  green: '#98c379',
  yellow: '#e5c07b',
  blue: '#61afef',
  magenta: '#c678dd',
  cyan: '#56b6c2',
  white: '#d8dee9',
  brightBlack: '#5c6370',
  brightRed: '#ff7b86',
  brightGreen: '#b5e890',
  brightYellow: '#ffd68a',
  brightBlue: '#7cc3ff',
  brightMagenta: '#de93f0',
  brightCyan: '#6fd3df',
  brightWhite: '#ffffff',
};

export const TERMINAL_OPTIONS: ITerminalOptions & ITerminalInitOnlyOptions = {
  scrollback: SCROLLBACK_LINES,
  // System fonts only: the CSP allows no remote fonts, and the app ships none.
  fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
  fontSize: 13,
  lineHeight: 1.15,
  cursorBlink: true,
  // Alt-based keys of Codex's TUI should work on macOS too.
  macOptionIsMeta: true,
  theme: THEME,
  // The search addon highlights matches with decorations, which xterm gates behind this flag.
  allowProposedApi: true,
};

/** Search highlight colours; the search addon requires #RRGGBB. */
export const SEARCH_DECORATIONS = {
  matchBackground: '#3b4a66',
  matchOverviewRuler: '#61afef',
  activeMatchBackground: '#b5872a',
  activeMatchColorOverviewRuler: '#e5c07b',
} as const;
