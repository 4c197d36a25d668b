import type { AgentsSlice } from './agents-slice';
import type { ChangesSlice } from './changes-slice';
import type { SliceCreator } from './slice-creator';
import { saveChoice, savedChoice } from './ui-preferences';

/** `tabs` shows the selected agent's terminal; `grid` shows every live agent's terminal at once. */
export type Layout = 'tabs' | 'grid';
export const LAYOUTS: readonly Layout[] = ['tabs', 'grid'];

/** What "Run again" fills the new-agent form with: the ended agent's choices. */
export interface NewAgentPrefill {
  name: string;
  task: string;
  claims: string[];
  priority: number;
  codexArgs: string[];
}

/** What is shown where: terminal layout, the new-agent dialog, the shortcuts list, and which terminal is searched. */
export interface LayoutSlice {
  layout: Layout;
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
  /** Shows the terminals in this layout; the map, if open, makes way for them. */
  setLayout(layout: Layout): void;
  /**
   * Selects an agent and shows its terminal: what a click on the agent means. A map in the
   * terminals' place closes; a map beside the terminal stays, the terminal beside it changes.
   */
  showAgent(id: string): void;
  toggleEndedCollapsed(): void;
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
  newAgentDialogOpen: false,
  newAgentPrefill: null,
  shortcutsOpen: false,
  searchAgentId: null,
  searchRequest: 0,
  endedCollapsed: false,
  setLayout: (layout) => {
    saveChoice('layout', layout);
    set({ layout, mapOpen: false });
  },
  showAgent: (id) => set((state) => ({ selectedAgentId: id, mapOpen: state.mapOpen && state.mapMode === 'beside' })),
  toggleEndedCollapsed: () => set((state) => ({ endedCollapsed: !state.endedCollapsed })),
  openShortcuts: () => set({ shortcutsOpen: true }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
  openNewAgentDialog: (prefill) => set({ newAgentDialogOpen: true, newAgentPrefill: prefill ?? null }),
  closeNewAgentDialog: () => set({ newAgentDialogOpen: false }),
  openSearch: (agentId) => set((state) => ({ searchAgentId: agentId, searchRequest: state.searchRequest + 1 })),
  closeSearch: () => set({ searchAgentId: null }),
});
