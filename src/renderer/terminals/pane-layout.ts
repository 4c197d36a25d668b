/**
 * The Grid layout's geometry: how many panes fit a page of the window at a readable size, which
 * page an agent is on, and where Alt+Shift+arrows go from a pane. Pure, so it is unit-tested.
 */

/** Below this a pane shows too few columns and rows of Codex's screen to read. */
export const MIN_PANE_WIDTH = 460;
export const MIN_PANE_HEIGHT = 200;
/** At most 3×3 panes a page: more are unreadable even on a large screen (and stay in the WebGL budget). */
export const MAX_GRID_SIDE = 3;

/** Columns and rows of panes on one page. */
export interface PaneGrid {
  columns: number;
  rows: number;
}

export interface GridShape extends PaneGrid {
  /** Panes a full page holds (columns × rows of the largest grid that fits), the most any page shows. */
  pageSize: number;
  /**
   * The last page's own arrangement: when it holds fewer panes than a full page they share the
   * whole area instead of leaving the rest of it empty. Equal to columns × rows when it is full.
   */
  lastPage: PaneGrid;
}

/**
 * A pane more than this many times as wide as it is tall wastes a terminal's width on short
 * lines while cutting its rows: a short page is never laid out so (when it can be otherwise).
 */
export const MAX_PANE_ASPECT = 3.2;

/** The grid for `count` panes in a `width`×`height` area: paged past what fits, each page using its area. */
export function gridShape(width: number, height: number, count: number): GridShape {
  const maxColumns = clamp(Math.floor(width / MIN_PANE_WIDTH), 1, MAX_GRID_SIDE);
  const maxRows = clamp(Math.floor(height / MIN_PANE_HEIGHT), 1, MAX_GRID_SIDE);
  const capacity = maxColumns * maxRows;
  const limits = { columns: maxColumns, rows: maxRows };
  if (count > capacity) {
    const onLast = count % capacity;
    const lastPage = onLast === 0 ? limits : arrangePanes(onLast, width, height, limits);
    return { columns: maxColumns, rows: maxRows, pageSize: capacity, lastPage };
  }
  const only = arrangePanes(Math.max(1, count), width, height, limits);
  return { ...only, pageSize: capacity, lastPage: only };
}

/**
 * How `count` panes (at most a page) share a `width`×`height` area: never more columns or rows
 * than a full page has (so no pane is narrower or lower than on a full page); of those, the
 * arrangements whose panes are not absurdly wide (MAX_PANE_ASPECT); of those, the fewest empty
 * cells; then the most columns. Side by side, a terminal keeps about the line length it had on a
 * full page and gains rows (more of Codex's output); stacked, it would gain width its mostly short
 * lines do not use. 2 panes in a 3×3 page's area sit side by side, 3 in three columns; 5 leave
 * one cell empty, as no arrangement of 5 fills a grid.
 */
export function arrangePanes(count: number, width: number, height: number, limits: PaneGrid): PaneGrid {
  let best: { grid: PaneGrid; score: readonly number[] } | null = null;
  for (let columns = 1; columns <= Math.min(limits.columns, count); columns++) {
    const rows = Math.ceil(count / columns);
    if (rows > limits.rows) continue;
    const paneWidth = Math.max(1, width) / columns;
    const paneHeight = Math.max(1, height) / rows;
    const tooWide = paneWidth / paneHeight > MAX_PANE_ASPECT ? 1 : 0;
    const empty = columns * rows - count;
    // Smaller is better in every part of the score, so more columns count as fewer.
    const score = [tooWide, empty, -columns];
    if (best === null || lessThan(score, best.score)) best = { grid: { columns, rows }, score };
  }
  // Only when even the page's own shape does not fit the count (never, as callers pass at most a page).
  return best?.grid ?? limits;
}

const lessThan = (a: readonly number[], b: readonly number[]): boolean => {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index]! < b[index]!;
  return false;
};

/** The columns of the page `index` is on: a short last page has its own. */
export function columnsAround(index: number, count: number, shape: GridShape): number {
  const onLastPage = pageOf(index, shape.pageSize) === pageCount(count, shape.pageSize) - 1;
  return onLastPage ? shape.lastPage.columns : shape.columns;
}

export const pageCount = (count: number, pageSize: number): number => Math.max(1, Math.ceil(count / pageSize));

export const pageOf = (index: number, pageSize: number): number => Math.floor(Math.max(0, index) / pageSize);

export type PaneDirection = 'left' | 'right' | 'up' | 'down';

/**
 * The pane an arrow leads to from `index` in a paged grid, or null at an edge. Left and right
 * follow reading order (and so cross into the previous or next page); up and down stay in a page
 * (and move by that page's columns: a short last page has its own).
 */
export function neighbourInGrid(index: number, direction: PaneDirection, count: number, shape: GridShape): number | null {
  if (index < 0 || index >= count) return count > 0 ? 0 : null;
  const pageStart = pageOf(index, shape.pageSize) * shape.pageSize;
  const pageEnd = Math.min(count, pageStart + shape.pageSize);
  let next: number;
  if (direction === 'left') next = index - 1;
  else if (direction === 'right') next = index + 1;
  else if (direction === 'up') next = index - columnsAround(index, count, shape);
  else next = index + columnsAround(index, count, shape);
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
