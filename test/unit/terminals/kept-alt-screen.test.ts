/**
 * A TUI that exits the way Codex does (clears its alternate screen, switches back, prints its
 * exit lines) leaves only those lines on screen; the mirror's kept screen puts its last full
 * screen back above them, with its colours, against a real @xterm/headless terminal.
 */
import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { TerminalMirror } from '../../../src/core/terminals/terminal-mirror';

const SIZE = { cols: 60, rows: 10 };

/** What Codex 0.171 writes: the shell's line, its alternate screen, then its exit (seen on a real run). */
const BEFORE = 'shell line before codex\r\n';
const ENTER = '\x1b[?1049h\x1b[1;1H\x1b[J';
const SCREEN = '\x1b[1;1H› say hi\x1b[3;1H\x1b[32m• conversation-reply\x1b[0m\x1b[10;1Hgpt-5.2-codex default';
const LEAVE = '\x1b[1;1H\x1b[J\x1b]0;\x07\x1b[?1049l\x1b[?25h';
const EXIT_LINES = 'Token usage: total=2\r\nTo continue this session, run: codex resume 0199\r\n';

/** The lines a view shows (scrollback and screen) after writing `data`, with the first line of `text` found. */
async function viewOf(data: string): Promise<{ lines: string[]; term: Terminal }> {
  const term = new Terminal({ ...SIZE, scrollback: 1_000, allowProposedApi: true, logLevel: 'off' });
  await new Promise<void>((resolve) => term.write(data, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)!.translateToString(true));
  return { lines, term };
}

async function mirrorAfter(...chunks: string[]): Promise<TerminalMirror> {
  const mirror = new TerminalMirror(SIZE);
  chunks.forEach((chunk, i) => mirror.write(i + 1, chunk, () => {}));
  await mirror.snapshot();
  return mirror;
}

const indexOf = (lines: string[], text: string): number => lines.findIndex((line) => line.includes(text));

describe('the kept alternate screen', () => {
  it('puts the last screen back above the exit lines, in colour, once', async () => {
    const mirror = await mirrorAfter(BEFORE, ENTER, SCREEN, LEAVE + EXIT_LINES);
    // Without it, the conversation is gone: only the shell line and the exit lines are left.
    const exited = await viewOf((await mirror.snapshot()).data);
    expect(indexOf(exited.lines, 'conversation-reply')).toBe(-1);
    exited.term.dispose();

    const kept = await mirror.keptScreen();
    expect(kept).not.toBeNull();
    mirror.write(5, kept!, () => {});
    const { lines, term } = await viewOf((await mirror.snapshot()).data);
    const order = ['shell line before codex', '› say hi', 'conversation-reply', 'gpt-5.2-codex default', 'Token usage: total=2', 'codex resume 0199'];
    const found = order.map((text) => indexOf(lines, text));
    expect(found.every((at) => at >= 0), lines.join('\n')).toBe(true);
    expect(found).toEqual([...found].sort((a, b) => a - b));
    // Each exit line is there once: the kept screen replaced them, it did not copy them.
    expect(lines.filter((line) => line.includes('Token usage')).length).toBe(1);
    // The reply keeps its colour (green: palette colour 2).
    const replyRow = term.buffer.active.getLine(indexOf(lines, 'conversation-reply'))!;
    expect(replyRow.getCell(replyRow.translateToString().indexOf('conversation-reply'))!.getFgColor()).toBe(2);
    term.dispose();

    expect(await mirror.keptScreen()).toBeNull();
    mirror.dispose();
  });

  it('keeps a screen left without a clear, and goes below exit output taller than the screen', async () => {
    const longExit = Array.from({ length: 14 }, (_, i) => `exit line ${i}\r\n`).join('');
    const mirror = await mirrorAfter(ENTER, SCREEN, '\x1b[?1049l', longExit);
    const kept = await mirror.keptScreen();
    expect(kept).not.toBeNull();
    mirror.write(5, kept!, () => {});
    const { lines, term } = await viewOf((await mirror.snapshot()).data);
    expect(indexOf(lines, 'exit line 13')).toBeGreaterThanOrEqual(0);
    expect(indexOf(lines, 'conversation-reply')).toBeGreaterThan(indexOf(lines, 'exit line 13'));
    term.dispose();
    mirror.dispose();
  });

  it('has nothing to put back without an alternate screen, or while a program is still on it', async () => {
    const plain = await mirrorAfter('just output\r\n', EXIT_LINES);
    expect(await plain.keptScreen()).toBeNull();
    plain.dispose();

    // Left once, then entered again (a resumed Codex): the old screen is not put back over the new one.
    const resumed = await mirrorAfter(ENTER, SCREEN, LEAVE, EXIT_LINES, ENTER, SCREEN);
    expect(await resumed.keptScreen()).toBeNull();
    resumed.dispose();

    // An empty alternate screen left again (nothing was drawn) has nothing to keep.
    const empty = await mirrorAfter(ENTER, LEAVE, EXIT_LINES);
    expect(await empty.keptScreen()).toBeNull();
    empty.dispose();
  });
});
