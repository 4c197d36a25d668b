import { useEffect, useLayoutEffect, useRef } from 'react';
import { useServices } from '../../services-context';
import { useLiveAgents, useSelectedAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { gridShape, pageCount, pageOf, type GridShape } from '../../terminals/pane-layout';
import { AgentPane } from '../agents/AgentPane';
import { EmptyState } from '../EmptyState';
import { GridPager } from './GridPager';

/**
 * Every live agent's terminal, a page at a time: as many panes as fit the window at a readable
 * size (at most 3×3), with pages past that; a last page with fewer panes spreads them over the
 * whole area. Any pane can be maximized to fill the grid.
 */
export function TerminalGrid() {
  const agents = useLiveAgents();
  const selectedAgentId = useSelectedAgentId();
  const { terminals } = useServices();
  const shape = useStore((s) => s.gridShape);
  const storedPage = useStore((s) => s.gridPage);
  const maximizedAgentId = useStore((s) => s.maximizedAgentId);
  const paneFocusRequest = useStore((s) => s.paneFocusRequest);
  const setGridShape = useStore((s) => s.setGridShape);
  const setGridPage = useStore((s) => s.setGridPage);
  const selectAgent = useStore((s) => s.selectAgent);
  const toggleMaximized = useStore((s) => s.toggleMaximized);
  const areaRef = useRef<HTMLDivElement>(null);
  const count = agents.length;

  // The shape follows the area's size and the number of agents.
  useLayoutEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    const measure = (): void => {
      const next = gridShape(area.clientWidth, area.clientHeight, count);
      const current = useStore.getState().gridShape;
      if (!sameShape(next, current)) setGridShape(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    return () => observer.disconnect();
  }, [count, setGridShape]);

  // Whatever selects an agent (a click in the list, Alt+n, an arrow key) turns to its page.
  const selectedIndex = agents.findIndex((agent) => agent.id === selectedAgentId);
  useEffect(() => {
    if (selectedIndex >= 0) setGridPage(pageOf(selectedIndex, shape.pageSize));
  }, [selectedIndex, shape.pageSize, setGridPage]);

  // A shortcut moved to another pane: the keyboard goes with it (the pane is attached by now).
  useEffect(() => {
    if (paneFocusRequest > 0 && selectedAgentId) terminals.get(selectedAgentId)?.focus();
  }, [paneFocusRequest, selectedAgentId, terminals]);

  if (count === 0) {
    return <EmptyState>No agent is running. Switch to Tabs to read the output of agents that ended.</EmptyState>;
  }
  const pages = pageCount(count, shape.pageSize);
  const page = Math.min(storedPage, pages - 1);
  const maximized = agents.find((agent) => agent.id === maximizedAgentId);
  const shown = maximized ? [maximized] : agents.slice(page * shape.pageSize, (page + 1) * shape.pageSize);
  // A short last page lays its few panes out over the whole area (pane-layout.ts).
  const { columns, rows } = maximized ? { columns: 1, rows: 1 } : page === pages - 1 ? shape.lastPage : shape;
  return (
    <div className="terminal-grid-area">
      <div
        ref={areaRef}
        className="terminal-grid"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
      >
        {shown.map((agent) => (
          <AgentPane
            key={agent.id}
            agent={agent}
            selected={agent.id === selectedAgentId}
            maximize={{ maximized: agent === maximized, onToggle: () => toggleMaximized(agent.id), others: 'the grid' }}
          />
        ))}
      </div>
      {!maximized && pages > 1 && (
        <GridPager
          page={page}
          pages={pages}
          onPage={(next) => {
            setGridPage(next);
            // The page's first pane is selected, so the selection is on screen and the arrows go on from there.
            const first = agents[next * shape.pageSize];
            if (first) selectAgent(first.id);
          }}
        />
      )}
    </div>
  );
}

const sameShape = (a: GridShape, b: GridShape): boolean =>
  a.columns === b.columns &&
  a.rows === b.rows &&
  a.pageSize === b.pageSize &&
  a.lastPage.columns === b.lastPage.columns &&
  a.lastPage.rows === b.lastPage.rows;
