import type { KeyboardEvent, PointerEvent, RefObject } from 'react';
import { MAP_SPLIT_MAX, MAP_SPLIT_MIN, clampMapSplit } from '../../state/changes-slice';
import { CHANGE_MAP_ID } from './ChangeMapView';

/** One arrow key press moves the divider by this share of the width. */
const KEY_STEP = 0.05;

/**
 * The bar between the map and the terminal beside it: a WAI-ARIA window splitter. Dragging it
 * (pointer captured, so a fast drag over the terminal does not lose it) reports each position to
 * `onDrag` and the last to `onCommit`; ← → move it by a step, Home and End to either limit.
 */
export function SplitDivider(props: {
  ratio: number;
  containerRef: RefObject<HTMLDivElement | null>;
  onDrag: (ratio: number) => void;
  onCommit: (ratio: number) => void;
}) {
  const { ratio, containerRef, onDrag, onCommit } = props;
  const ratioAt = (clientX: number): number | null => {
    const box = containerRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return clampMapSplit((clientX - box.left) / box.width);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const next = ratioAt(event.clientX);
    if (next !== null) onDrag(next);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    event.currentTarget.releasePointerCapture(event.pointerId);
    onCommit(ratioAt(event.clientX) ?? ratio);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = keyedRatio(event.key, ratio);
    if (next === null) return;
    event.preventDefault();
    onCommit(next);
  };
  return (
    <div
      role="separator"
      className="split-divider"
      aria-label="Resize the map and the terminal"
      aria-orientation="vertical"
      aria-controls={CHANGE_MAP_ID}
      aria-valuemin={Math.round(MAP_SPLIT_MIN * 100)}
      aria-valuemax={Math.round(MAP_SPLIT_MAX * 100)}
      aria-valuenow={Math.round(ratio * 100)}
      title="Drag, or focus and use ← →, to share the width between the map and the terminal"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}

function keyedRatio(key: string, ratio: number): number | null {
  if (key === 'ArrowLeft') return clampMapSplit(ratio - KEY_STEP);
  if (key === 'ArrowRight') return clampMapSplit(ratio + KEY_STEP);
  if (key === 'Home') return MAP_SPLIT_MIN;
  if (key === 'End') return MAP_SPLIT_MAX;
  return null;
}
