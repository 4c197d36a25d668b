/**
 * Per-repository UI preferences: each repository brings back how it was left, a bad stored value
 * is ignored field by field, and storage that is missing or throws breaks nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followRepoPreferences, loadRepoPreferences } from '../../../src/renderer/state/repo-preferences';
import { useStore } from '../../../src/renderer/state/store';

function installStorage(storage: Partial<Storage> | undefined): void {
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
}

function memoryStorage(): Map<string, string> {
  const values = new Map<string, string>();
  installStorage({ getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) });
  return values;
}

const DEFAULTS = {
  repo: null,
  layout: 'tabs',
  maximizedAgentId: null,
  layoutBeforeZoom: null,
  selectedAgentId: null,
  mapOpen: false,
  mapMode: 'instead',
  mapSplit: 0.5,
  monitorOpen: false,
  endedCollapsed: false,
} as const;

describe('repository preferences', () => {
  let stop: () => void = () => {};
  beforeEach(() => {
    useStore.setState(DEFAULTS);
    stop = followRepoPreferences(useStore);
  });
  afterEach(() => {
    stop();
    installStorage(undefined);
  });

  it('each repository gets back its own layout, selection, map, monitor and fold', () => {
    memoryStorage();
    const store = useStore.getState();
    store.setRepo('/work/one');
    store.setLayout('grid');
    store.selectAgent('a1');
    store.toggleMapBeside();
    store.setMapSplit(0.3);
    store.toggleMonitor();
    store.toggleEndedCollapsed();

    // A repository seen for the first time keeps what is shown; Tabs closes the map.
    store.setRepo('/work/two');
    store.setLayout('tabs');
    store.selectAgent('b1');

    store.setRepo('/work/one');
    expect(useStore.getState()).toMatchObject({
      layout: 'grid',
      selectedAgentId: 'a1',
      mapOpen: true,
      mapMode: 'beside',
      mapSplit: 0.3,
      monitorOpen: true,
      endedCollapsed: true,
    });
    // A reload: a fresh window state, then the repository named by the core.
    useStore.setState(DEFAULTS);
    useStore.getState().setRepo('/work/two');
    expect(useStore.getState()).toMatchObject({ layout: 'tabs', selectedAgentId: 'b1', mapOpen: false, mapMode: 'beside' });
  });

  it('keeps the maximized terminal and the way back of Alt+Z per repository, across a reload', () => {
    memoryStorage();
    const store = useStore.getState();
    store.setRepo('/work/one');
    store.setLayout('grid');
    store.toggleMaximized('a1');
    store.setRepo('/work/two');
    // One agent's pane: another repository does not open with it maximized.
    expect(useStore.getState()).toMatchObject({ layout: 'grid', maximizedAgentId: null });
    store.setLayout('tabs');
    store.selectAgent('b1');
    store.zoomToFocus();
    store.toggleMaximized('b1');

    useStore.setState(DEFAULTS);
    useStore.getState().setRepo('/work/one');
    expect(useStore.getState()).toMatchObject({ layout: 'grid', maximizedAgentId: 'a1', selectedAgentId: 'a1', layoutBeforeZoom: null });
    useStore.setState(DEFAULTS);
    useStore.getState().setRepo('/work/two');
    expect(useStore.getState()).toMatchObject({ layout: 'focus', maximizedAgentId: 'b1', layoutBeforeZoom: 'tabs' });
  });

  it('ignores bad stored values field by field, and unreadable JSON whole', () => {
    const values = memoryStorage();
    values.set(
      'switchyard.repo:/work/odd',
      JSON.stringify({
        layout: 'mosaic', mapSplit: 7, mapOpen: 'yes', mapMode: 'beside', monitorOpen: true, selectedAgentId: 42,
        maximizedAgentId: '', layoutBeforeZoom: 'mosaic',
      }),
    );
    expect(loadRepoPreferences('/work/odd')).toEqual({ mapMode: 'beside', monitorOpen: true });
    values.set('switchyard.repo:/work/broken', '{"layout":');
    expect(loadRepoPreferences('/work/broken')).toEqual({});
    values.set('switchyard.repo:/work/array', '[1,2]');
    expect(loadRepoPreferences('/work/array')).toEqual({});
    useStore.getState().setRepo('/work/odd');
    expect(useStore.getState()).toMatchObject({ layout: 'tabs', mapSplit: 0.5, mapOpen: false, mapMode: 'beside', monitorOpen: true });
  });

  it('a missing store or one that throws leaves the current values', () => {
    installStorage(undefined);
    expect(() => useStore.getState().setRepo('/work/one')).not.toThrow();
    expect(() => useStore.getState().toggleMonitor()).not.toThrow();
    const refusing = () => {
      throw new Error('SecurityError: storage is disabled');
    };
    installStorage({ getItem: refusing, setItem: refusing });
    expect(() => useStore.getState().setRepo('/work/two')).not.toThrow();
    expect(() => useStore.getState().toggleEndedCollapsed()).not.toThrow();
    expect(useStore.getState()).toMatchObject({ monitorOpen: true, endedCollapsed: true });
  });
});
