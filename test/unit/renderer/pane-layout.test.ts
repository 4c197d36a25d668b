/**
 * The grid's geometry: panes stay readable (a minimum size, at most 3×3), the rest go to pages,
 * a short last page uses its whole area, and Alt+Shift+arrows land on the pane a user would expect.
 */
import { describe, expect, it } from 'vitest';
import {
  arrangePanes,
  columnsAround,
  gridShape,
  MAX_PANE_ASPECT,
  stripColumns,
  THUMBNAIL_ASPECT,
  THUMBNAIL_HEADER_HEIGHT,
  MIN_PANE_HEIGHT,
  MIN_PANE_WIDTH,
  neighbourInGrid,
  neighbourInList,
  pageCount,
  pageOf,
} from '../../../src/renderer/terminals/pane-layout';

describe('gridShape', () => {
  const only = (columns: number, rows: number, pageSize: number) => ({ columns, rows, pageSize, lastPage: { columns, rows } });

  it('lays out a few agents near-square, without empty cells where an arrangement has none', () => {
    expect(gridShape(1600, 900, 1)).toEqual(only(1, 1, 9));
    expect(gridShape(1600, 900, 2)).toEqual(only(2, 1, 9));
    // Three side by side (533 px each) rather than 2×2 with a quarter of the grid empty.
    expect(gridShape(1600, 900, 3)).toEqual(only(3, 1, 9));
    expect(gridShape(1600, 900, 4)).toEqual(only(2, 2, 9));
    expect(gridShape(1600, 900, 5)).toEqual(only(3, 2, 9));
  });

  it('pages twenty agents 3×3 on a large window instead of 5×5 unreadable panes', () => {
    const shape = gridShape(2400, 1400, 20);
    expect(shape).toMatchObject({ columns: 3, rows: 3, pageSize: 9 });
    expect(pageCount(20, shape.pageSize)).toBe(3);
  });

  it('spreads a short last page over the whole area: twenty in pages of nine leave two, side by side', () => {
    expect(gridShape(2400, 1400, 20).lastPage).toEqual({ columns: 2, rows: 1 });
    expect(gridShape(2400, 1400, 19).lastPage).toEqual({ columns: 1, rows: 1 });
    expect(gridShape(2400, 1400, 21).lastPage).toEqual({ columns: 3, rows: 1 });
    // The e2e test's window: pages of 2×3; the last two side by side (each as wide as on a full
    // page, and as tall as the grid) rather than stacked twice as wide.
    expect(gridShape(1304, 870, 20)).toEqual({ columns: 2, rows: 3, pageSize: 6, lastPage: { columns: 2, rows: 1 } });
    // A full last page keeps the page's shape.
    expect(gridShape(2400, 1400, 18).lastPage).toEqual({ columns: 3, rows: 3 });
  });

  it('never gives a short page more columns or rows than a full page, nor absurdly wide panes', () => {
    for (const [width, height] of [[2400, 1400], [1600, 900], [1300, 700], [2560, 600], [600, 1300], [470, 210]] as const) {
      const full = gridShape(width, height, 100);
      for (let count = 1; count <= full.pageSize; count++) {
        const grid = arrangePanes(count, width, height, full);
        expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(count);
        // No empty row or column: the panes use the whole area.
        expect(grid.columns * (grid.rows - 1)).toBeLessThan(count);
        expect(grid.columns).toBeLessThanOrEqual(count);
        expect(grid.columns).toBeLessThanOrEqual(full.columns);
        expect(grid.rows).toBeLessThanOrEqual(full.rows);
        const aspect = width / grid.columns / (height / grid.rows);
        // Too wide only where the window itself is (one pane a row already).
        if (aspect > MAX_PANE_ASPECT) expect(grid.columns, `${count} in ${width}×${height}`).toBe(Math.min(count, full.columns));
      }
    }
    // Two in a wide, low 3-column area: side by side, not one above the other 2560 px wide.
    expect(arrangePanes(2, 2560, 900, { columns: 3, rows: 3 })).toEqual({ columns: 2, rows: 1 });
  });

  it('keeps every pane at least the minimum readable size on a small window', () => {
    for (const [width, height] of [[900, 500], [1300, 700], [470, 210], [300, 150]] as const) {
      const shape = gridShape(width, height, 20);
      expect(shape.columns * shape.rows).toBe(shape.pageSize);
      // A window smaller than one pane still shows one (1×1), never zero.
      expect(shape.columns).toBe(Math.max(1, Math.min(3, Math.floor(width / MIN_PANE_WIDTH))));
      expect(shape.rows).toBe(Math.max(1, Math.min(3, Math.floor(height / MIN_PANE_HEIGHT))));
    }
  });

  it('on a tall narrow window stacks panes in one column rather than squeeze them', () => {
    expect(gridShape(600, 900, 3)).toEqual(only(1, 3, 3));
    expect(gridShape(1000, 420, 4)).toEqual(only(2, 2, 4));
  });
});

describe('pages', () => {
  it('puts an agent on the page its index falls in', () => {
    expect([0, 8, 9, 17, 18, 19].map((index) => pageOf(index, 9))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(pageCount(0, 9)).toBe(1);
    expect(pageCount(9, 9)).toBe(1);
    expect(pageCount(10, 9)).toBe(2);
  });
});

describe('neighbourInGrid', () => {
  const shape = { columns: 3, rows: 3, pageSize: 9, lastPage: { columns: 2, rows: 1 } };

  it('moves by one column sideways and by one row up and down', () => {
    expect(neighbourInGrid(4, 'left', 20, shape)).toBe(3);
    expect(neighbourInGrid(4, 'right', 20, shape)).toBe(5);
    expect(neighbourInGrid(4, 'up', 20, shape)).toBe(1);
    expect(neighbourInGrid(4, 'down', 20, shape)).toBe(7);
  });

  it('crosses to the next or previous page sideways, but not up or down', () => {
    expect(neighbourInGrid(8, 'right', 20, shape)).toBe(9);
    expect(neighbourInGrid(9, 'left', 20, shape)).toBe(8);
    expect(neighbourInGrid(7, 'down', 20, shape)).toBeNull();
    expect(neighbourInGrid(10, 'up', 20, shape)).toBeNull();
  });

  it('stops at the first and last agent and at a short last page', () => {
    expect(neighbourInGrid(0, 'left', 20, shape)).toBeNull();
    expect(neighbourInGrid(19, 'right', 20, shape)).toBeNull();
    // Page 3 holds agents 18 and 19 only: nothing below 18.
    expect(neighbourInGrid(18, 'down', 20, shape)).toBeNull();
  });

  it('moves up and down by the short last page’s own columns', () => {
    // 23 agents: the last page's five sit 3 + 2 (agents 18–20 above 21–22).
    const five = { columns: 3, rows: 3, pageSize: 9, lastPage: { columns: 3, rows: 2 } };
    expect(neighbourInGrid(18, 'down', 23, five)).toBe(21);
    expect(neighbourInGrid(22, 'up', 23, five)).toBe(19);
    const twoOnTop = { columns: 3, rows: 3, pageSize: 9, lastPage: { columns: 1, rows: 2 } };
    expect(columnsAround(18, 20, twoOnTop)).toBe(1);
    expect(columnsAround(17, 20, twoOnTop)).toBe(3);
    expect(neighbourInGrid(18, 'down', 20, twoOnTop)).toBe(19);
  });

  it('starts at the first pane when no agent is selected', () => {
    expect(neighbourInGrid(-1, 'down', 20, shape)).toBe(0);
    expect(neighbourInGrid(-1, 'down', 0, shape)).toBeNull();
  });
});

describe('neighbourInList', () => {
  it('steps to the previous or next agent, wrapping around', () => {
    expect(neighbourInList(0, 'left', 3)).toBe(2);
    expect(neighbourInList(2, 'right', 3)).toBe(0);
    expect(neighbourInList(1, 'up', 3)).toBe(0);
    expect(neighbourInList(1, 'down', 3)).toBe(2);
    expect(neighbourInList(-1, 'right', 3)).toBe(0);
    expect(neighbourInList(0, 'right', 0)).toBeNull();
  });
});

describe('stripColumns', () => {
  it('uses as few columns as let every thumbnail fit, so they are as large as they can be', () => {
    // Two thumbnails 200 wide are 125+22 high each: one column of 19 would be far too tall.
    expect(stripColumns(400, 2000, 3, 6)).toBe(1);
    const columns = stripColumns(450, 880, 19, 6);
    const width = (450 - 6 * (columns - 1)) / columns;
    const rows = Math.ceil(19 / columns);
    expect(rows * (width / THUMBNAIL_ASPECT + THUMBNAIL_HEADER_HEIGHT) + 6 * (rows - 1)).toBeLessThanOrEqual(880);
    // One column fewer would not fit.
    const fewer = columns - 1;
    const fewerRows = Math.ceil(19 / fewer);
    const fewerWidth = (450 - 6 * (fewer - 1)) / fewer;
    expect(fewerRows * (fewerWidth / THUMBNAIL_ASPECT + THUMBNAIL_HEADER_HEIGHT) + 6 * (fewerRows - 1)).toBeGreaterThan(880);
  });

  it('keeps thumbnails readable when they cannot all fit: the strip scrolls', () => {
    expect(stripColumns(300, 100, 40, 6)).toBe(2);
    expect(stripColumns(0, 0, 5, 6)).toBe(1);
  });
});
