import type { AgentsSlice } from './agents-slice';
import type { ChangesSlice } from './changes-slice';
import type { SliceCreator } from './slice-creator';
import type { GridShape } from '../terminals/pane-layout';
import { saveChoice, savedChoice } from './ui-preferences';

/**
 * `tabs` shows the selected agent's terminal; `grid` every live agent's terminal, a page at a
 * time; `focus` the selected agent's terminal large, with the others as live thumbnails beside it.
 */
export type Layout = 'tabs' | 'grid' | 'focus';
export const LAYOUTS: readonly Layout[] = ['tabs', 'grid', 'focus'];

/** What "Run again" fills the new-agent form with: the ended agent's choices. */
export interface NewAgentPrefill {
  name: string;
  task: string;
  claims: string[];
  priority: number;
  codexArgs: string[];
  /** Run in its own worktree and branch, as the ended agent did. */
  isolated?: boolean;
}

/** What is shown where: terminal layout, the new-agent dialog, the shortcuts list, and which terminal is searched. */
export interface LayoutSlice {
  layout: Layout;
  /** The page of the grid on screen (0-based); the grid clamps it to the pages there are. */
  gridPage: number;
  /** The grid's shape on screen, which the arrow shortcuts move in (set by the grid as it resizes). */
  gridShape: GridShape;
  /**
   * The agent whose terminal fills the terminals' area, if one is maximized: in the grid its pane
   * alone, in Focus the large pane without the thumbnails. Choosing a layout restores.
   */
  maximizedAgentId: string | null;
  /** Set when Alt+Z took Tabs to Focus: the next Alt+Z in Focus goes back there. Choosing a layout forgets it. */
  layoutBeforeZoom: Layout | null;
  /** Bumped when a shortcut moved to another pane, so the grid gives that terminal the keyboard. */
  paneFocusRequest: number;
  newAgentDialogOpen: boolean;
  /** What the new-agent form starts with when it opens; null: empty fields. */
  newAgentPrefill: NewAgentPrefill | null;
  /** The list of keyboard shortcuts (`?` or F1). */
  shortcutsOpen: boolean;
  /** The agent whose terminal shows the search box, if any. */
  searchAgentId: string | null;
  /** Bumped on every request to search, so an already open box takes the focus again. */
  searchRequest: number;
  /** Whether the sidebar's "Ended (N)" section is folded away. */
  endedCollapsed: boolean;
  /** Shows the terminals in this layout (none maximized); the map, if open, makes way for them. */
  setLayout(layout: Layout): void;
  /** Alt+Z in Tabs: Focus on the same agent, with the others beside it; `zoomBack` returns. */
  zoomToFocus(): void;
  /** Back to the layout Alt+Z came from (see layoutBeforeZoom). */
  zoomBack(): void;
  /**
   * Selects an agent and shows its terminal: what a click on the agent means. A map in the
   * terminals' place closes; a map beside the terminal stays, the terminal beside it changes. A
   * maximized terminal stays maximized, now the agent's.
   */
  showAgent(id: string): void;
  toggleEndedCollapsed(): void;
  setGridPage(page: number): void;
  setGridShape(shape: GridShape): void;
  /** Maximizes the agent's terminal, or restores the grid (or Focus's thumbnails) if it already is. */
  toggleMaximized(id: string): void;
  /** A shortcut moved to this agent's pane: select it and put the keyboard in its terminal. */
  focusPane(id: string): void;
  openShortcuts(): void;
  closeShortcuts(): void;
  openNewAgentDialog(prefill?: NewAgentPrefill): void;
  closeNewAgentDialog(): void;
  openSearch(agentId: string): void;
  closeSearch(): void;
}

type Reads = Pick<AgentsSlice, 'selectedAgentId'> & Pick<ChangesSlice, 'mapOpen' | 'mapMode'>;

export const createLayoutSlice: SliceCreator<LayoutSlice, Reads> = (set) => ({
  // Kept across reloads: a reload that came back in another layout would resize every agent's
  // terminal twice (Codex redraws at each size).
  layout: savedChoice('layout', LAYOUTS, 'tabs'),
  gridPage: 0,
  gridShape: { columns: 1, rows: 1, pageSize: 1, lastPage: { columns: 1, rows: 1 } },
  maximizedAgentId: null,
  layoutBeforeZoom: null,
  paneFocusRequest: 0,
  newAgentDialogOpen: false,
  newAgentPrefill: null,
  shortcutsOpen: false,
  searchAgentId: null,
  searchRequest: 0,
  endedCollapsed: false,
  setLayout: (layout) => {
    saveChoice('layout', layout);
    set({ layout, mapOpen: false, maximizedAgentId: null, layoutBeforeZoom: null });
  },
  zoomToFocus: () => {
    saveChoice('layout', 'focus');
    set((state) => ({ layout: 'focus', layoutBeforeZoom: state.layout, mapOpen: false, maximizedAgentId: null }));
  },
  zoomBack: () =>
    set((state) => {
      if (state.layoutBeforeZoom === null) return {};
      saveChoice('layout', state.layoutBeforeZoom);
      return { layout: state.layoutBeforeZoom, layoutBeforeZoom: null, maximizedAgentId: null };
    }),
  showAgent: (id) =>
    set((state) => ({
      selectedAgentId: id,
      mapOpen: state.mapOpen && state.mapMode === 'beside',
      maximizedAgentId: state.maximizedAgentId === null ? null : id,
    })),
  toggleEndedCollapsed: () => set((state) => ({ endedCollapsed: !state.endedCollapsed })),
  setGridPage: (page) => set({ gridPage: Math.max(0, page) }),
  setGridShape: (shape) => set({ gridShape: shape }),
  toggleMaximized: (id) => set((state) => ({ maximizedAgentId: state.maximizedAgentId === id ? null : id, selectedAgentId: id })),
  focusPane: (id) =>
    set((state) => ({
      selectedAgentId: id,
      // A maximized pane follows the move: the next agent fills the grid instead.
      maximizedAgentId: state.maximizedAgentId === null ? null : id,
      paneFocusRequest: state.paneFocusRequest + 1,
    })),
  openShortcuts: () => set({ shortcutsOpen: true }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
  openNewAgentDialog: (prefill) => set({ newAgentDialogOpen: true, newAgentPrefill: prefill ?? null }),
  closeNewAgentDialog: () => set({ newAgentDialogOpen: false }),
  openSearch: (agentId) => set((state) => ({ searchAgentId: agentId, searchRequest: state.searchRequest + 1 })),
  closeSearch: () => set({ searchAgentId: null }),
});
