import { useStore } from '../../state/store';
import { CHANGE_MAP_ID } from './ChangeMapView';
import './map-beside.css';

/**
 * Next to Map: shows the change map beside the selected agent's terminal instead of in its place
 * (Alt+Shift+M); pressed again, the map takes the whole area. Map then opens and closes it in the
 * mode last chosen.
 */
export function MapBesideToggle() {
  const beside = useStore((s) => s.mapOpen && s.mapMode === 'beside');
  const toggleMapBeside = useStore((s) => s.toggleMapBeside);
  return (
    <button
      type="button"
      className="map-beside-toggle"
      aria-label="Beside"
      aria-pressed={beside}
      aria-controls={beside ? CHANGE_MAP_ID : undefined}
      title="Show the map beside the selected agent’s terminal, or again in its place (Alt+Shift+M)"
      onClick={toggleMapBeside}
    >
      Beside
    </button>
  );
}
