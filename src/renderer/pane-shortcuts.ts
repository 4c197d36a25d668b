/**
 * Keys between the agents' panes, each meaningful in every layout (shortcut-list.ts says so to
 * the user). Alt+Shift+arrows, not Alt+arrows: Codex's composer takes Alt+←/→ to move by word.
 * - Alt+Shift+arrows: in the grid, the page's rows and columns (←/→ also cross to the
 *   neighbouring page); in Tabs, Focus and a maximized pane, the previous / next agent.
 * - Alt+PageUp/PageDown: the grid's pages (selecting the page's first pane); elsewhere, as a
 *   maximized pane, the previous / next agent (tab, or the thumbnail that comes to the large pane).
 * - Alt+Z: one terminal filling the area, or the others back beside it. Grid: maximize the
 *   selected pane / restore. Focus: hide the thumbnails / show them. Tabs: Focus on the same
 *   agent, and the next Alt+Z back to Tabs.
 * They are taken from a focused terminal too: Codex has no use for them, and a key that changes
 * nothing (no agent) goes on to the terminal.
 */
import type { Agent } from '../shared/domain';
import { inListOrder, isEnded } from './state/selectors';
import { useStore } from './state/store';
import { neighbourInGrid, neighbourInList, pageCount, type PaneDirection } from './terminals/pane-layout';

type State = ReturnType<typeof useStore.getState>;

const ARROWS: Readonly<Record<string, PaneDirection>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** True when the key was a pane shortcut (and was acted on). */
export function handlePaneKey(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey) return false;
  if (inFieldOrDialog(event.target)) return false;
  const state = useStore.getState();
  if (state.mapOpen) return false;
  const direction = ARROWS[event.key];
  if (direction && event.shiftKey) return movePane(state, direction);
  if (event.shiftKey) return false;
  if (event.key === 'PageDown' || event.key === 'PageUp') return turnPage(state, event.key === 'PageDown' ? 1 : -1);
  // `code`, not `key`: with Alt held, macOS turns letters into other characters.
  if (event.code === 'KeyZ') return toggleMaximized(state);
  return false;
}

/**
 * A field (where Alt+Shift+arrows select by word on macOS) or a dialog keeps its keys. A
 * terminal's input is a <textarea> too, but the pane keys are meant to work from there.
 */
function inFieldOrDialog(target: EventTarget | null): boolean {
  const element = target as Partial<Element> | null;
  if (typeof element?.closest !== 'function') return false;
  if (element.closest('.xterm-helper-textarea')) return false;
  return element.closest('input, textarea, select, [contenteditable="true"], dialog[open]') !== null;
}

/** The agents the layout steps through: the grid and Focus show live ones, Tabs every one (in the list's order, as its tabs). */
function agentsInLayout(state: State): Agent[] {
  return state.layout === 'tabs' ? inListOrder(state.agents) : state.agents.filter((agent) => !isEnded(agent));
}

function movePane(state: State, direction: PaneDirection): boolean {
  const agents = agentsInLayout(state);
  const index = agents.findIndex((agent) => agent.id === state.selectedAgentId);
  const inGrid = state.layout === 'grid' && state.maximizedAgentId === null;
  const next = inGrid ? neighbourInGrid(index, direction, agents.length, state.gridShape) : neighbourInList(index, direction, agents.length);
  // At the grid's edge the key is still ours: passing it on would type it into the terminal.
  if (next !== null) state.focusPane(agents[next]!.id);
  return agents.length > 0;
}

function turnPage(state: State, step: 1 | -1): boolean {
  // Tabs, Focus and a maximized pane have no pages: the previous or next agent is what comes into view.
  if (state.layout !== 'grid' || state.maximizedAgentId !== null) return movePane(state, step === 1 ? 'right' : 'left');
  const agents = agentsInLayout(state);
  const { pageSize } = state.gridShape;
  const pages = pageCount(agents.length, pageSize);
  const page = Math.min(pages - 1, Math.max(0, Math.min(state.gridPage, pages - 1) + step));
  // The first pane of the new page is selected, so the arrows go on from there.
  const first = agents[page * pageSize];
  if (first) {
    state.setGridPage(page);
    state.focusPane(first.id);
  }
  // At the first or last page the key is still ours, as at the grid's edge.
  return agents.length > 0;
}

function toggleMaximized(state: State): boolean {
  if (state.layout === 'tabs') {
    if (state.agents.length === 0) return false;
    state.zoomToFocus();
    return true;
  }
  if (state.layout === 'focus') {
    // Focus shows the first live agent large when none is selected.
    const shown = state.selectedAgentId ?? agentsInLayout(state)[0]?.id;
    if (shown === undefined) return false;
    if (state.maximizedAgentId !== shown && state.layoutBeforeZoom !== null) state.zoomBack();
    else state.toggleMaximized(shown);
    return true;
  }
  if (state.selectedAgentId === null) return false;
  state.toggleMaximized(state.selectedAgentId);
  return true;
}
