import { useRef, useState } from 'react';
import { useStore } from '../../state/store';
import { TerminalTabs } from '../terminals/TerminalTabs';
import { ChangeMapView } from './ChangeMapView';
import { SplitDivider } from './SplitDivider';
import './map-beside.css';

/**
 * The map on the left, the selected agent's terminal (with its tab strip, to switch agents) on the
 * right, and a divider between them that the mouse drags and the arrow keys move. The width is
 * saved once a drag ends, not on every pixel: each saved width is a write to storage.
 */
export function MapBeside() {
  const split = useStore((s) => s.mapSplit);
  const setMapSplit = useStore((s) => s.setMapSplit);
  const [dragged, setDragged] = useState<number | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const shown = dragged ?? split;
  return (
    <div ref={containerRef} className="map-beside" data-testid="map-beside">
      <div className="map-beside-map" style={{ flexBasis: `${shown * 100}%` }}>
        <ChangeMapView />
      </div>
      <SplitDivider
        ratio={shown}
        containerRef={containerRef}
        onDrag={setDragged}
        onCommit={(ratio) => {
          setMapSplit(ratio);
          setDragged(null);
        }}
      />
      <div className="map-beside-terminal">
        <TerminalTabs />
      </div>
    </div>
  );
}
