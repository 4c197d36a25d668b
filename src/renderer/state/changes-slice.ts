import type { ChangeMap } from '../../shared/changes';
import type { MapFilter } from '../components/map/file-tree';
import type { SliceCreator } from './slice-creator';

/** The lock/conflict map as `changes.map` last answered, and what the Map view shows of it. */
export interface ChangesSlice {
  /** Null until the first answer, and after the repository changes. */
  changeMap: ChangeMap | null;
  /** Why the last fetch failed (shown in the view, not as a toast: it repeats with every refresh). */
  changeMapError: string | null;
  /** Bumped when the repository changes, so an answer about the previous one is dropped. */
  changeMapEpoch: number;
  mapOpen: boolean;
  mapFilter: MapFilter;
  /** The file whose timeline and diff are shown. */
  mapSelectedPath: string | null;
  /** Keeps the newer of the two maps unless `replace` (the core restarted and counts from 0 again). */
  setChangeMap(map: ChangeMap, replace?: boolean): void;
  setChangeMapError(message: string): void;
  resetChangeMap(): void;
  toggleMap(): void;
  setMapFilter(filter: MapFilter): void;
  /** Shows a file's timeline and diff, opening the Map view if it is closed. */
  selectMapFile(path: string | null): void;
}

export const createChangesSlice: SliceCreator<ChangesSlice> = (set) => ({
  changeMap: null,
  changeMapError: null,
  changeMapEpoch: 0,
  mapOpen: false,
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
  setMapFilter: (mapFilter) => set({ mapFilter }),
  selectMapFile: (path) => set(path === null ? { mapSelectedPath: null } : { mapSelectedPath: path, mapOpen: true }),
});
