import type { SliceCreator } from './store';

/** `tabs` shows the selected agent's terminal; `grid` shows every live agent's terminal at once. */
export type Layout = 'tabs' | 'grid';

/** What is shown where: terminal layout, the new-agent dialog, and which terminal is searched. */
export interface LayoutSlice {
  layout: Layout;
  newAgentDialogOpen: boolean;
  /** The agent whose terminal shows the search box, if any. */
  searchAgentId: string | null;
  setLayout(layout: Layout): void;
  openNewAgentDialog(): void;
  closeNewAgentDialog(): void;
  openSearch(agentId: string): void;
  closeSearch(): void;
}

export const createLayoutSlice: SliceCreator<LayoutSlice> = (set) => ({
  layout: 'tabs',
  newAgentDialogOpen: false,
  searchAgentId: null,
  setLayout: (layout) => set({ layout }),
  openNewAgentDialog: () => set({ newAgentDialogOpen: true }),
  closeNewAgentDialog: () => set({ newAgentDialogOpen: false }),
  openSearch: (agentId) => set({ searchAgentId: agentId }),
  closeSearch: () => set({ searchAgentId: null }),
});
