import type { ChangeMap } from '../../shared/changes';
import type { MapFilter } from '../components/map/file-tree';
import type { SliceCreator } from './slice-creator';

/** `instead`: the map takes the terminals' place; `beside`: the map and the selected agent's terminal share the area. */
export type MapMode = 'instead' | 'beside';

/** The map's share of the width when beside a terminal: either side keeps room to be of use. */
export const MAP_SPLIT_MIN = 0.2;
export const MAP_SPLIT_MAX = 0.8;
export const clampMapSplit = (ratio: number): number => Math.min(MAP_SPLIT_MAX, Math.max(MAP_SPLIT_MIN, ratio));

/** The lock/conflict map as `changes.map` last answered, and what the Map view shows of it. */
export interface ChangesSlice {
  /** Null until the first answer, and after the repository changes. */
  changeMap: ChangeMap | null;
  /** Why the last fetch failed (shown in the view, not as a toast: it repeats with every refresh). */
  changeMapError: string | null;
  /** Bumped when the repository changes, so an answer about the previous one is dropped. */
  changeMapEpoch: number;
  mapOpen: boolean;
  mapMode: MapMode;
  /** The map's share of the width in `beside` mode (MAP_SPLIT_MIN…MAP_SPLIT_MAX). */
  mapSplit: number;
  mapFilter: MapFilter;
  /** The file whose timeline and diff are shown. */
  mapSelectedPath: string | null;
  /** Keeps the newer of the two maps unless `replace` (the core restarted and counts from 0 again). */
  setChangeMap(map: ChangeMap, replace?: boolean): void;
  setChangeMapError(message: string): void;
  resetChangeMap(): void;
  /** Shows or hides the map, in the mode last chosen. */
  toggleMap(): void;
  /** Shows the map beside the terminal, or, when it already is, in the terminals' place (Alt+Shift+M). */
  toggleMapBeside(): void;
  setMapSplit(ratio: number): void;
  setMapFilter(filter: MapFilter): void;
  /** Shows a file's timeline and diff, opening the Map view if it is closed. */
  selectMapFile(path: string | null): void;
}

export const createChangesSlice: SliceCreator<ChangesSlice> = (set) => ({
  changeMap: null,
  changeMapError: null,
  changeMapEpoch: 0,
  mapOpen: false,
  mapMode: 'instead',
  mapSplit: 0.5,
  mapFilter: { kind: 'all' },
  mapSelectedPath: null,
  setChangeMap: (map, replace = false) =>
    set((state) =>
      !replace && state.changeMap !== null && state.changeMap.revision > map.revision
        ? { changeMapError: null }
        : { changeMap: map, changeMapError: null },
    ),
  setChangeMapError: (message) => set({ changeMapError: message }),
  resetChangeMap: () =>
    set((state) => ({ changeMap: null, changeMapError: null, changeMapEpoch: state.changeMapEpoch + 1, mapSelectedPath: null })),
  toggleMap: () => set((state) => ({ mapOpen: !state.mapOpen })),
  toggleMapBeside: () =>
    set((state) => ({ mapOpen: true, mapMode: state.mapOpen && state.mapMode === 'beside' ? 'instead' : 'beside' })),
  setMapSplit: (ratio) => set({ mapSplit: clampMapSplit(ratio) }),
  setMapFilter: (mapFilter) => set({ mapFilter }),
  selectMapFile: (path) => set(path === null ? { mapSelectedPath: null } : { mapSelectedPath: path, mapOpen: true }),
});
