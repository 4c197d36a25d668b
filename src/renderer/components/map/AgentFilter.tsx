import { UNATTRIBUTED, ownerBackground, type AgentColors } from './agent-colors';
import type { MapFilter } from './file-tree';

/**
 * Chips that narrow the map to one agent (what it wrote or claims) or to the unattributed files;
 * each chip carries the agent's colour, so the row doubles as the map's legend.
 */
export function AgentFilter(props: {
  filter: MapFilter;
  counts: { agents: ReadonlyMap<string, number>; unattributed: number };
  total: number;
  colors: AgentColors;
  onChange: (filter: MapFilter) => void;
}) {
  const { filter, counts, total, colors, onChange } = props;
  const agentIds = [...counts.agents.keys()];
  if (filter.kind === 'agent' && !counts.agents.has(filter.agentId)) agentIds.push(filter.agentId);
  agentIds.sort((a, b) => colors.nameOf(a).localeCompare(colors.nameOf(b)));
  return (
    <div className="map-filter" role="group" aria-label="Filter by agent">
      <button type="button" className="map-chip" aria-pressed={filter.kind === 'all'} onClick={() => onChange({ kind: 'all' })}>
        All <span className="map-chip-count">{total}</span>
      </button>
      {agentIds.map((agentId) => (
        <button
          key={agentId}
          type="button"
          className="map-chip"
          aria-pressed={filter.kind === 'agent' && filter.agentId === agentId}
          onClick={() => onChange({ kind: 'agent', agentId })}
        >
          <span className="map-chip-dot" style={{ background: colors.colorOf(agentId) }} aria-hidden="true" />
          {colors.nameOf(agentId)} <span className="map-chip-count">{counts.agents.get(agentId) ?? 0}</span>
        </button>
      ))}
      {(counts.unattributed > 0 || filter.kind === 'unattributed') && (
        <button
          type="button"
          className="map-chip"
          aria-pressed={filter.kind === 'unattributed'}
          onClick={() => onChange({ kind: 'unattributed' })}
        >
          <span className="map-chip-dot" style={{ background: ownerBackground(UNATTRIBUTED, colors) }} aria-hidden="true" />
          Unattributed <span className="map-chip-count">{counts.unattributed}</span>
        </button>
      )}
    </div>
  );
}
