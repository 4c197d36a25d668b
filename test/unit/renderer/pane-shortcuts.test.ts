/**
 * The keys between panes, on the real store, in each layout: Alt+Shift+arrows move in the grid's
 * rows and columns (or through the list in Tabs and Focus), Alt+PageDown turns a grid page and
 * selects its first pane (the next tab or agent elsewhere), Alt+Z maximizes and restores (in Tabs:
 * to Focus and back); plain Alt+arrows stay Codex's (word motion).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AgentSchema, type Agent } from '../../../src/shared/domain';
import { handlePaneKey } from '../../../src/renderer/pane-shortcuts';
import { useStore } from '../../../src/renderer/state/store';

const agent = (id: string, status: Agent['status'] = 'working'): Agent =>
  AgentSchema.parse({
    id, name: id, task: 't', status, pid: 1, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, exitCode: null, detail: null,
  });

const key = (init: { key: string; code?: string; shiftKey?: boolean; altKey?: boolean }): KeyboardEvent =>
  ({ code: '', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false, ...init }) as KeyboardEvent;

const ids = Array.from({ length: 20 }, (_, index) => `a${index}`);

describe('pane shortcuts', () => {
  beforeEach(() => {
    useStore.setState({
      agents: ids.map((id) => agent(id)),
      selectedAgentId: 'a4',
      layout: 'grid',
      mapOpen: false,
      gridPage: 0,
      gridShape: { columns: 3, rows: 3, pageSize: 9, lastPage: { columns: 2, rows: 1 } },
      maximizedAgentId: null,
      layoutBeforeZoom: null,
      paneFocusRequest: 0,
    });
  });

  it('Alt+Shift+arrows move by column and row in the grid, and ask for the keyboard to follow', () => {
    expect(handlePaneKey(key({ key: 'ArrowDown', shiftKey: true }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ selectedAgentId: 'a7', paneFocusRequest: 1 });
    handlePaneKey(key({ key: 'ArrowRight', shiftKey: true }));
    expect(useStore.getState().selectedAgentId).toBe('a8');
    // Right of the page's last pane is the next page's first.
    handlePaneKey(key({ key: 'ArrowRight', shiftKey: true }));
    expect(useStore.getState().selectedAgentId).toBe('a9');
    // Up from the page's top row stays (the key is still taken, not typed into the terminal).
    expect(handlePaneKey(key({ key: 'ArrowUp', shiftKey: true }))).toBe(true);
    expect(useStore.getState().selectedAgentId).toBe('a9');
  });

  it('leaves plain Alt+arrows to the terminal: Codex moves by word with them', () => {
    expect(handlePaneKey(key({ key: 'ArrowLeft' }))).toBe(false);
    expect(handlePaneKey(key({ key: 'ArrowRight', shiftKey: true, altKey: false }))).toBe(false);
    expect(useStore.getState().selectedAgentId).toBe('a4');
  });

  it('in Tabs and Focus the arrows step through the list, skipping ended agents in Focus (Tabs: ended last, as its tabs)', () => {
    useStore.setState({ layout: 'focus', agents: [agent('a0'), agent('gone', 'exited'), agent('a2')], selectedAgentId: 'a0' });
    handlePaneKey(key({ key: 'ArrowRight', shiftKey: true }));
    expect(useStore.getState().selectedAgentId).toBe('a2');
    useStore.setState({ layout: 'tabs' });
    handlePaneKey(key({ key: 'ArrowRight', shiftKey: true }));
    expect(useStore.getState().selectedAgentId).toBe('gone');
    handlePaneKey(key({ key: 'ArrowLeft', shiftKey: true }));
    expect(useStore.getState().selectedAgentId).toBe('a2');
  });

  it('Alt+PageDown and Alt+PageUp turn the grid’s pages and select the first pane there', () => {
    expect(handlePaneKey(key({ key: 'PageDown' }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ gridPage: 1, selectedAgentId: 'a9' });
    handlePaneKey(key({ key: 'PageDown' }));
    handlePaneKey(key({ key: 'PageDown' }));
    expect(useStore.getState()).toMatchObject({ gridPage: 2, selectedAgentId: 'a18' });
    handlePaneKey(key({ key: 'PageUp' }));
    expect(useStore.getState()).toMatchObject({ gridPage: 1, selectedAgentId: 'a9' });
  });

  it('in Tabs Alt+PageDown / PageUp are the next / previous tab (wrapping, ended agents last as the tabs are)', () => {
    useStore.setState({ layout: 'tabs', agents: [agent('a0'), agent('gone', 'exited'), agent('a2')], selectedAgentId: 'a0' });
    expect(handlePaneKey(key({ key: 'PageDown' }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ selectedAgentId: 'a2', paneFocusRequest: 1 });
    handlePaneKey(key({ key: 'PageDown' }));
    expect(useStore.getState().selectedAgentId).toBe('gone');
    handlePaneKey(key({ key: 'PageDown' }));
    expect(useStore.getState().selectedAgentId).toBe('a0');
    handlePaneKey(key({ key: 'PageUp' }));
    expect(useStore.getState().selectedAgentId).toBe('gone');
    // The grid's page is not touched.
    expect(useStore.getState().gridPage).toBe(0);
  });

  it('in Focus Alt+PageDown / PageUp bring the next / previous live agent to the large pane', () => {
    useStore.setState({ layout: 'focus', agents: [agent('a0'), agent('gone', 'exited'), agent('a2')], selectedAgentId: 'a0' });
    expect(handlePaneKey(key({ key: 'PageDown' }))).toBe(true);
    expect(useStore.getState().selectedAgentId).toBe('a2');
    handlePaneKey(key({ key: 'PageDown' }));
    expect(useStore.getState().selectedAgentId).toBe('a0');
    handlePaneKey(key({ key: 'PageUp' }));
    expect(useStore.getState().selectedAgentId).toBe('a2');
  });

  it('with a maximized grid pane Alt+PageDown maximizes the next agent instead (no pages around it)', () => {
    useStore.setState({ maximizedAgentId: 'a4' });
    expect(handlePaneKey(key({ key: 'PageDown' }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ maximizedAgentId: 'a5', selectedAgentId: 'a5', gridPage: 0 });
  });

  it('in Tabs Alt+Z shows the same agent in Focus, and Alt+Z there goes back to Tabs', () => {
    useStore.setState({ layout: 'tabs', selectedAgentId: 'a3', layoutBeforeZoom: null });
    expect(handlePaneKey(key({ key: 'z', code: 'KeyZ' }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ layout: 'focus', selectedAgentId: 'a3', maximizedAgentId: null, layoutBeforeZoom: 'tabs' });
    // Moving between agents in Focus keeps the way back.
    handlePaneKey(key({ key: 'ArrowRight', shiftKey: true }));
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState()).toMatchObject({ layout: 'tabs', selectedAgentId: 'a4', layoutBeforeZoom: null });
  });

  it('in Focus Alt+Z hides the thumbnails (the large pane maximized) and shows them again; arrows keep it maximized', () => {
    useStore.setState({ layout: 'focus', selectedAgentId: 'a3', layoutBeforeZoom: null });
    expect(handlePaneKey(key({ key: 'z', code: 'KeyZ' }))).toBe(true);
    expect(useStore.getState()).toMatchObject({ layout: 'focus', maximizedAgentId: 'a3' });
    handlePaneKey(key({ key: 'PageDown' }));
    expect(useStore.getState()).toMatchObject({ maximizedAgentId: 'a4', selectedAgentId: 'a4' });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState()).toMatchObject({ layout: 'focus', maximizedAgentId: null, selectedAgentId: 'a4' });
    // With no agent selected Focus shows the first live one large: that one is maximized.
    useStore.setState({ selectedAgentId: null, agents: [agent('gone', 'exited'), agent('b1')] });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState().maximizedAgentId).toBe('b1');
  });

  it('Focus entered by Alt+Z from Tabs: a maximized pane restores first, the next Alt+Z goes back to Tabs', () => {
    useStore.setState({ layout: 'tabs', selectedAgentId: 'a3', layoutBeforeZoom: null });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    // The pane's Maximize button (the store action it calls).
    useStore.getState().toggleMaximized('a3');
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState()).toMatchObject({ layout: 'focus', maximizedAgentId: null });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState().layout).toBe('tabs');
  });

  it('choosing a layout restores a maximized pane and forgets the way back of Alt+Z', () => {
    useStore.setState({ layout: 'tabs', selectedAgentId: 'a3', layoutBeforeZoom: null });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    useStore.getState().setLayout('focus');
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState()).toMatchObject({ layout: 'focus', maximizedAgentId: 'a3' });
    useStore.getState().setLayout('grid');
    expect(useStore.getState()).toMatchObject({ layout: 'grid', maximizedAgentId: null, layoutBeforeZoom: null });
  });

  it('a click on another agent while one is maximized maximizes that one instead', () => {
    useStore.setState({ maximizedAgentId: 'a4' });
    useStore.getState().showAgent('a12');
    expect(useStore.getState()).toMatchObject({ maximizedAgentId: 'a12', selectedAgentId: 'a12' });
  });

  it('leaves the keys to the terminal when there is no agent to act on', () => {
    for (const layout of ['tabs', 'grid', 'focus'] as const) {
      useStore.setState({ layout, agents: [], selectedAgentId: null, maximizedAgentId: null });
      expect(handlePaneKey(key({ key: 'z', code: 'KeyZ' })), layout).toBe(false);
      expect(handlePaneKey(key({ key: 'PageDown' })), layout).toBe(false);
    }
  });

  it('Alt+Z maximizes the selected pane and restores the grid; arrows then move the maximized pane', () => {
    expect(handlePaneKey(key({ key: 'z', code: 'KeyZ' }))).toBe(true);
    expect(useStore.getState().maximizedAgentId).toBe('a4');
    handlePaneKey(key({ key: 'ArrowDown', shiftKey: true }));
    expect(useStore.getState()).toMatchObject({ maximizedAgentId: 'a5', selectedAgentId: 'a5' });
    handlePaneKey(key({ key: 'z', code: 'KeyZ' }));
    expect(useStore.getState().maximizedAgentId).toBeNull();
  });

  it('does nothing while the map is shown', () => {
    useStore.setState({ mapOpen: true });
    expect(handlePaneKey(key({ key: 'ArrowDown', shiftKey: true }))).toBe(false);
    expect(handlePaneKey(key({ key: 'z', code: 'KeyZ' }))).toBe(false);
  });
});

describe('pane shortcuts in fields', () => {
  // An element inside a field (or not), which may be xterm's own input.
  const target = (terminal: boolean): EventTarget =>
    ({ closest: (selector: string) => (selector === '.xterm-helper-textarea' ? (terminal ? {} : null) : {}) }) as unknown as EventTarget;

  it('leave a field or a dialog its keys, but work from a terminal', () => {
    useStore.setState({ agents: ids.map((id) => agent(id)), selectedAgentId: 'a0', layout: 'tabs', mapOpen: false });
    const inField = { ...key({ key: 'ArrowRight', shiftKey: true }), target: target(false) } as KeyboardEvent;
    expect(handlePaneKey(inField)).toBe(false);
    const inTerminal = { ...key({ key: 'ArrowRight', shiftKey: true }), target: target(true) } as KeyboardEvent;
    expect(handlePaneKey(inTerminal)).toBe(true);
    expect(useStore.getState().selectedAgentId).toBe('a1');
  });
});
