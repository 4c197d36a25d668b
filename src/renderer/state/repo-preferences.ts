/**
 * What the window remembers per repository across reloads and restarts (this browser or Electron
 * profile only): the terminal layout (with its maximized terminal, and where Alt+Z goes back to),
 * the selected agent, the map (open, instead of or beside the terminal, its width), the Monitor
 * panel and the folded "Ended" section. Each repository has its own, so switching to another
 * brings back how that one was left; a maximized terminal is one agent's, so it never carries over
 * to another repository. A stored value that is unreadable
 * or no longer valid is ignored field by field; storage that is missing or refuses writes leaves
 * the current values in place.
 */
import { z } from 'zod';
import { MAP_SPLIT_MAX, MAP_SPLIT_MIN } from './changes-slice';
import { LAYOUTS, type Layout } from './layout-slice';
import type { StoreState } from './store';

/** A field that fails its check reads as absent (the current value stays), not as a broken whole. */
const field = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const RepoPreferencesSchema = z.object({
  layout: field(z.custom<Layout>((value) => LAYOUTS.includes(value as Layout))),
  maximizedAgentId: field(z.string().min(1).max(200).nullable()),
  layoutBeforeZoom: field(z.custom<Layout>((value) => LAYOUTS.includes(value as Layout)).nullable()),
  selectedAgentId: field(z.string().min(1).max(200).nullable()),
  mapOpen: field(z.boolean()),
  mapMode: field(z.enum(['instead', 'beside'])),
  mapSplit: field(z.number().min(MAP_SPLIT_MIN).max(MAP_SPLIT_MAX)),
  monitorOpen: field(z.boolean()),
  endedCollapsed: field(z.boolean()),
});

export type RepoPreferences = Pick<
  StoreState,
  | 'layout'
  | 'maximizedAgentId'
  | 'layoutBeforeZoom'
  | 'selectedAgentId'
  | 'mapOpen'
  | 'mapMode'
  | 'mapSplit'
  | 'monitorOpen'
  | 'endedCollapsed'
>;

const storageKey = (repo: string): string => `switchyard.repo:${repo}`;

export const preferencesOf = (state: StoreState): RepoPreferences => ({
  layout: state.layout,
  maximizedAgentId: state.maximizedAgentId,
  layoutBeforeZoom: state.layoutBeforeZoom,
  selectedAgentId: state.selectedAgentId,
  mapOpen: state.mapOpen,
  mapMode: state.mapMode,
  mapSplit: state.mapSplit,
  monitorOpen: state.monitorOpen,
  endedCollapsed: state.endedCollapsed,
});

/** The fields saved for `repo` that are still valid; none when nothing (readable) was saved. */
export function loadRepoPreferences(repo: string): Partial<RepoPreferences> {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey(repo));
    if (stored === null || stored === undefined) return {};
    const parsed = RepoPreferencesSchema.safeParse(JSON.parse(stored));
    if (!parsed.success) return {};
    return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  } catch {
    return {};
  }
}

export function saveRepoPreferences(repo: string, preferences: RepoPreferences): void {
  try {
    globalThis.localStorage?.setItem(storageKey(repo), JSON.stringify(preferences));
  } catch {
    // Not remembered; the choices still hold until the page reloads.
  }
}

const samePreferences = (a: RepoPreferences, b: RepoPreferences): boolean =>
  (Object.keys(a) as (keyof RepoPreferences)[]).every((key) => a[key] === b[key]);

interface PreferenceStore {
  getState(): StoreState;
  setState(partial: Partial<StoreState>): void;
  subscribe(listener: (state: StoreState, previous: StoreState) => void): () => void;
}

/**
 * Brings back a repository's saved preferences when it opens (at startup too) and saves them on
 * every change while it is open; returns the unsubscribe.
 */
export function followRepoPreferences(store: PreferenceStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.repo === null) return;
    if (state.repo !== previous.repo) {
      store.setState({ maximizedAgentId: null, layoutBeforeZoom: null, ...loadRepoPreferences(state.repo) });
      return;
    }
    const now = preferencesOf(state);
    if (!samePreferences(now, preferencesOf(previous))) saveRepoPreferences(state.repo, now);
  });
}
