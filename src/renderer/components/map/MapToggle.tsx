import { useStore } from '../../state/store';
import { worse } from './file-tree';
import { CHANGE_MAP_ID } from './ChangeMapView';

/** Shows or hides the change map, in the terminals' place or beside them as last chosen (Alt+M); the badge counts the current conflicts, red when one is critical. */
export function MapToggle() {
  const open = useStore((s) => s.mapOpen);
  const toggleMap = useStore((s) => s.toggleMap);
  const count = useStore((s) => s.changeMap?.conflicts.length ?? 0);
  const worst = useStore((s) => s.changeMap?.conflicts.reduce<ReturnType<typeof worse>>((w, c) => worse(w, c.severity), null) ?? null);
  const summary = `${count} ${count === 1 ? 'conflict' : 'conflicts'}`;
  return (
    <button
      type="button"
      className="map-toggle"
      aria-label="Map"
      aria-pressed={open}
      aria-controls={open ? CHANGE_MAP_ID : undefined}
      aria-describedby="map-toggle-summary"
      title={`Who changed what, and conflicts (Alt+M) — ${summary}`}
      onClick={toggleMap}
    >
      <span aria-hidden="true">Map</span>
      {count > 0 && (
        <span className={`count-badge map-toggle-badge severity-${worst ?? 'info'}`} aria-hidden="true" data-testid="map-conflict-count">
          {count}
        </span>
      )}
      <span id="map-toggle-summary" className="visually-hidden">
        {summary}
      </span>
    </button>
  );
}
