/**
 * The Grid layout's geometry: how many panes fit a page of the window at a readable size, which
 * page an agent is on, and where Alt+Shift+arrows go from a pane. Pure, so it is unit-tested.
 */

/** Below this a pane shows too few columns and rows of Codex's screen to read. */
export const MIN_PANE_WIDTH = 460;
export const MIN_PANE_HEIGHT = 200;
/** At most 3×3 panes a page: more are unreadable even on a large screen (and stay in the WebGL budget). */
export const MAX_GRID_SIDE = 3;

export interface GridShape {
  columns: number;
  rows: number;
  /** Panes a page holds: columns × rows when paged, else the count itself. */
  pageSize: number;
}

/** The grid for `count` panes in a `width`×`height` area: near-square, paged past what fits. */
export function gridShape(width: number, height: number, count: number): GridShape {
  const maxColumns = clamp(Math.floor(width / MIN_PANE_WIDTH), 1, MAX_GRID_SIDE);
  const maxRows = clamp(Math.floor(height / MIN_PANE_HEIGHT), 1, MAX_GRID_SIDE);
  const capacity = maxColumns * maxRows;
  if (count > capacity) return { columns: maxColumns, rows: maxRows, pageSize: capacity };
  const shown = Math.max(1, count);
  let columns = Math.min(maxColumns, Math.ceil(Math.sqrt(shown)));
  let rows = Math.ceil(shown / columns);
  if (rows > maxRows) {
    rows = maxRows;
    columns = Math.ceil(shown / maxRows);
  }
  return { columns, rows, pageSize: capacity };
}

export const pageCount = (count: number, pageSize: number): number => Math.max(1, Math.ceil(count / pageSize));

export const pageOf = (index: number, pageSize: number): number => Math.floor(Math.max(0, index) / pageSize);

export type PaneDirection = 'left' | 'right' | 'up' | 'down';

/**
 * The pane an arrow leads to from `index` in a paged grid, or null at an edge. Left and right
 * follow reading order (and so cross into the previous or next page); up and down stay in a page.
 */
export function neighbourInGrid(index: number, direction: PaneDirection, count: number, shape: GridShape): number | null {
  if (index < 0 || index >= count) return count > 0 ? 0 : null;
  const pageStart = pageOf(index, shape.pageSize) * shape.pageSize;
  const pageEnd = Math.min(count, pageStart + shape.pageSize);
  let next: number;
  if (direction === 'left') next = index - 1;
  else if (direction === 'right') next = index + 1;
  else if (direction === 'up') next = index - shape.columns;
  else next = index + shape.columns;
  if (direction === 'up' || direction === 'down') return next >= pageStart && next < pageEnd ? next : null;
  return next >= 0 && next < count ? next : null;
}

/** The next or previous agent in a plain list (Tabs, Focus, a maximized pane), wrapping around. */
export function neighbourInList(index: number, direction: PaneDirection, count: number): number | null {
  if (count === 0) return null;
  if (index < 0) return 0;
  const step = direction === 'left' || direction === 'up' ? -1 : 1;
  return (index + step + count) % count;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** The Focus layout's thumbnails: their box's width over height, and the header line above each. */
export const THUMBNAIL_ASPECT = 1.6;
export const THUMBNAIL_HEADER_HEIGHT = 18;
/** Narrower than this a thumbnail shows nothing; the strip scrolls instead. */
export const MIN_THUMBNAIL_WIDTH = 110;

/**
 * How many columns of thumbnails the strip needs so all `count` fit its `width`×`height`: the
 * fewest that fit, which makes them as large as they can be; the most that keep them readable
 * when none fits (the strip then scrolls).
 */
export function stripColumns(width: number, height: number, count: number, gap: number): number {
  const widest = Math.max(1, Math.floor((width + gap) / (MIN_THUMBNAIL_WIDTH + gap)));
  for (let columns = 1; columns < widest; columns++) {
    const rows = Math.ceil(count / columns);
    const thumbnailWidth = (width - gap * (columns - 1)) / columns;
    const rowHeight = thumbnailWidth / THUMBNAIL_ASPECT + THUMBNAIL_HEADER_HEIGHT;
    if (rows * rowHeight + gap * (rows - 1) <= height) return columns;
  }
  return widest;
}
