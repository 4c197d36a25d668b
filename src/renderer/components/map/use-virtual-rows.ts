import { useEffect, useState, type RefObject } from 'react';

/** Rows drawn beyond the visible ones, so a fast scroll does not show blank space for a frame. */
const OVERSCAN_ROWS = 12;

/**
 * Which of `count` fixed-height rows the scroll container shows: only those are rendered, so a
 * thousand files cost the same as thirty.
 */
export function useVirtualRows(
  containerRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): { start: number; end: number } {
  const [viewport, setViewport] = useState({ top: 0, height: 600 });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const measure = (): void => setViewport({ top: container.scrollTop, height: container.clientHeight });
    measure();
    let frame = 0;
    const onScroll = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    container.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      container.removeEventListener('scroll', onScroll);
    };
  }, [containerRef]);

  const start = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN_ROWS);
  const end = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN_ROWS);
  return { start, end };
}
