/**
 * Which terminals on screen get a WebGL renderer. Chromium keeps about 16 live WebGL contexts per
 * page and loses the oldest past that, so the budget stays well below: a full page of the grid
 * (3×3) fits in it, and thumbnails (scaled down, rarely read closely) always use the DOM renderer.
 */
export const WEBGL_BUDGET = 9;

/** How a terminal is shown: fitted to its pane (the agent's pty follows), or a scaled-down thumbnail. */
export type TerminalDisplay = 'fit' | 'thumbnail';

export interface ShownTerminal {
  agentId: string;
  display: TerminalDisplay;
  /** Grows with every attach: the most recently shown terminals come first after the focused one. */
  shownAt: number;
  /** Lost its context once (a GPU reset); it stays on the DOM renderer rather than lose it again. */
  webglLost: boolean;
}

/** The agents whose terminals hold WebGL: fitted ones, the focused agent first, then the newest shown. */
export function webglHolders(shown: readonly ShownTerminal[], focusedAgentId: string | null, budget: number): Set<string> {
  const ranked = shown
    .filter((terminal) => terminal.display === 'fit' && !terminal.webglLost)
    .sort((a, b) => Number(b.agentId === focusedAgentId) - Number(a.agentId === focusedAgentId) || b.shownAt - a.shownAt);
  return new Set(ranked.slice(0, Math.max(0, budget)).map((terminal) => terminal.agentId));
}
