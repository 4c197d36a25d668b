/**
 * What the store does when the user navigates: showing an agent or a layout makes the map give
 * way, and a repository error goes once a repository opens.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../src/renderer/state/store';

describe('navigation state', () => {
  beforeEach(() => {
    useStore.setState({ mapOpen: false, selectedAgentId: null, layout: 'tabs', repo: null, repoError: null, shortcutsOpen: false });
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
});
