import { useStore } from '../../state/store';
import { ChangeMapView } from './ChangeMapView';
import { MapBeside } from './MapBeside';

/**
 * The open change map, in the terminals' place or beside the selected agent's terminal (when
 * there is an agent to show; with none, the map takes the whole area either way).
 */
export function MapArea() {
  const beside = useStore((s) => s.mapMode === 'beside' && s.agents.length > 0);
  return beside ? <MapBeside /> : <ChangeMapView />;
}
