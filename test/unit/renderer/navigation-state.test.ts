/**
 * What the store does when the user navigates: showing an agent or a layout makes the map give
 * way, and a repository error goes once a repository opens.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/shared/domain';
import { inListOrder } from '../../../src/renderer/state/selectors';
import { useStore } from '../../../src/renderer/state/store';

describe('navigation state', () => {
  beforeEach(() => {
    useStore.setState({ mapOpen: false, mapMode: 'instead', mapSplit: 0.5, selectedAgentId: null, layout: 'tabs', repo: null, repoError: null, shortcutsOpen: false });
  });

  it('showing an agent selects it and closes the map; selecting alone (a focused pane) leaves the map', () => {
    useStore.getState().toggleMap();
    useStore.getState().selectAgent('alpha');
    expect(useStore.getState().mapOpen).toBe(true);
    useStore.getState().showAgent('beta');
    expect(useStore.getState()).toMatchObject({ selectedAgentId: 'beta', mapOpen: false });
  });

  it('choosing Tabs or Grid shows the terminals, even the layout already chosen', () => {
    for (const layout of ['tabs', 'grid'] as const) {
      useStore.getState().toggleMap();
      useStore.getState().setLayout(layout);
      expect(useStore.getState()).toMatchObject({ layout, mapOpen: false });
    }
  });

  it('a repository error stays until dismissed or until a repository opens', () => {
    useStore.getState().setRepo('/work/one');
    useStore.getState().setRepoError('/nope does not exist.');
    // The same repository again (the page reloading its state) resolves nothing.
    useStore.getState().setRepo('/work/one');
    expect(useStore.getState().repoError).toBe('/nope does not exist.');
    useStore.getState().setRepo('/work/two');
    expect(useStore.getState().repoError).toBeNull();
    useStore.getState().setRepoError('again');
    useStore.getState().setRepoError(null);
    expect(useStore.getState().repoError).toBeNull();
  });

  it('beside the terminal, showing an agent keeps the map; Alt+Shift+M switches beside and in place', () => {
    const store = useStore.getState();
    store.toggleMapBeside();
    expect(useStore.getState()).toMatchObject({ mapOpen: true, mapMode: 'beside' });
    store.showAgent('beta');
    expect(useStore.getState()).toMatchObject({ selectedAgentId: 'beta', mapOpen: true, mapMode: 'beside' });
    // Pressed again: the map takes the whole area, and a click on an agent closes it once more.
    store.toggleMapBeside();
    expect(useStore.getState()).toMatchObject({ mapOpen: true, mapMode: 'instead' });
    store.showAgent('alpha');
    expect(useStore.getState().mapOpen).toBe(false);
    // Map (Alt+M) reopens it the way it was last shown; closed, the beside toggle opens it beside.
    store.toggleMap();
    expect(useStore.getState()).toMatchObject({ mapOpen: true, mapMode: 'instead' });
    store.toggleMap();
    store.toggleMapBeside();
    expect(useStore.getState()).toMatchObject({ mapOpen: true, mapMode: 'beside' });
    // Tabs/Grid still bring the terminals back whole.
    store.setLayout('tabs');
    expect(useStore.getState().mapOpen).toBe(false);
  });

  it('keeps the map width within its limits', () => {
    useStore.getState().setMapSplit(0.01);
    expect(useStore.getState().mapSplit).toBe(0.2);
    useStore.getState().setMapSplit(3);
    expect(useStore.getState().mapSplit).toBe(0.8);
  });

  it('lists live agents first, then ended ones, each in launch order', () => {
    const agent = (id: string, status: Agent['status']) => ({ id, status }) as Agent;
    const agents = [agent('a', 'exited'), agent('b', 'working'), agent('c', 'stopped'), agent('d', 'queued'), agent('e', 'failed')];
    expect(inListOrder(agents).map((a) => a.id)).toEqual(['b', 'd', 'a', 'c', 'e']);
  });
});
