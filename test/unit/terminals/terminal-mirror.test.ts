/**
 * The headless mirror and the seq scheme, against real @xterm/headless terminals: a view that
 * restores from a snapshot taken mid-stream and then applies the live chunks the gate lets
 * through ends up with exactly the screen of a view that saw every chunk.
 */
import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { TerminalMirror } from '../../../src/core/terminals/terminal-mirror';
import { LiveOutputGate, type OutputChunk } from '../../../src/shared/terminal-stream';

const SIZE = { cols: 40, rows: 8 };

/** A view's xterm: written in order, read back as serialized screen + scrollback. */
function viewTerminal(size = SIZE): { write(data: string): Promise<void>; screen(): string; resize(cols: number, rows: number): void } {
  const term = new Terminal({ ...size, scrollback: 1_000, allowProposedApi: true, logLevel: 'off' });
  const serializer = new SerializeAddon();
  term.loadAddon(serializer);
  return {
    write: (data) => new Promise((resolve) => term.write(data, resolve)),
    screen: () => serializer.serialize(),
    resize: (cols, rows) => term.resize(cols, rows),
  };
}

/** Output that exercises what a snapshot must carry: colours, cursor moves, wide characters, scrolling. */
function chunks(count: number): OutputChunk[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    data:
      i % 7 === 3
        ? `\x1b[2;5H\x1b[1;32mpatched ${i}\x1b[0m`
        : `line ${i} \x1b[3${i % 8}m漢字 ${'·'.repeat(i % 30)}\x1b[0m€\r\n`,
  }));
}

describe('TerminalMirror', () => {
  it('snapshots exactly the chunks written before the snapshot was asked for', async () => {
    const mirror = new TerminalMirror(SIZE);
    mirror.write(1, 'first\r\n', () => {});
    mirror.write(2, 'second\r\n', () => {});
    const pending = mirror.snapshot();
    // Written after the request but before the parser got to it: not part of this snapshot.
    mirror.write(3, 'third\r\n', () => {});
    const snapshot = await pending;
    expect(snapshot.seq).toBe(2);
    expect(snapshot.data).toContain('second');
    expect(snapshot.data).not.toContain('third');
    expect((await mirror.snapshot()).data).toContain('third');
    mirror.dispose();
  });

  it('reports each chunk as parsed, in order, so flow control can count the mirror', async () => {
    const mirror = new TerminalMirror(SIZE);
    const parsed: number[] = [];
    for (const chunk of chunks(20)) mirror.write(chunk.seq, chunk.data, () => parsed.push(chunk.seq));
    expect(parsed).toEqual([]);
    await mirror.snapshot();
    expect(parsed).toEqual(chunks(20).map((c) => c.seq));
    mirror.dispose();
  });

  it('applies a resize after the output that came before it, and snapshots at the new size', async () => {
    const mirror = new TerminalMirror(SIZE);
    // "Cursor to the right edge, then Z": Z lands in column 40 only if parsed at the old size.
    mirror.write(1, '\x1b[999CZ', () => {});
    mirror.resize({ cols: 80, rows: 10 });
    const snapshot = await mirror.snapshot();
    expect([snapshot.cols, snapshot.rows]).toEqual([80, 10]);
    const view = new Terminal({ cols: 80, rows: 10, allowProposedApi: true });
    await new Promise<void>((resolve) => view.write(snapshot.data, resolve));
    expect(view.buffer.active.getLine(0)?.translateToString(true)).toBe(`${' '.repeat(39)}Z`);
    mirror.dispose();
  });

  it('settles a snapshot still waiting when the mirror is disposed', async () => {
    const mirror = new TerminalMirror(SIZE);
    mirror.write(1, 'y'.repeat(200_000), () => {});
    const pending = mirror.snapshot();
    mirror.dispose();
    expect((await pending).seq).toBe(1);
  });
});

describe('restoring a view from a snapshot plus live chunks', () => {
  it.each([0, 1, 9, 20, 35])('gives the same screen as seeing every chunk (snapshot after %i chunks)', async (atChunk) => {
    const all = chunks(35);
    const mirror = new TerminalMirror(SIZE);
    const reference = viewTerminal();
    const restored = viewTerminal();
    const gate = new LiveOutputGate();

    // The view asked for the snapshot at the start; live chunks arrive while it is on its way,
    // some already in the snapshot, some after it.
    const written: OutputChunk[] = [];
    let snapshotPromise = null as ReturnType<TerminalMirror['snapshot']> | null;
    for (const chunk of all) {
      if (chunk.seq === atChunk + 1) snapshotPromise = mirror.snapshot();
      mirror.write(chunk.seq, chunk.data, () => {});
      await reference.write(chunk.data);
      expect(gate.offer(chunk)).toBe('held');
    }
    snapshotPromise ??= mirror.snapshot();
    const snapshot = await snapshotPromise;
    expect(snapshot.seq).toBe(atChunk);

    restored.resize(snapshot.cols, snapshot.rows);
    await restored.write(snapshot.data);
    const { fresh, stale } = gate.open(snapshot.seq);
    expect(stale.map((c) => c.seq)).toEqual(all.slice(0, atChunk).map((c) => c.seq));
    for (const chunk of fresh) {
      written.push(chunk);
      await restored.write(chunk.data);
    }
    expect(written.map((c) => c.seq)).toEqual(all.slice(atChunk).map((c) => c.seq));
    expect(restored.screen()).toBe(reference.screen());
    mirror.dispose();
  });
});

describe('LiveOutputGate', () => {
  it('writes new chunks once open and drops repeats', () => {
    const gate = new LiveOutputGate();
    expect(gate.offer({ seq: 5, data: 'e' })).toBe('held');
    expect(gate.open(4).fresh.map((c) => c.seq)).toEqual([5]);
    expect(gate.offer({ seq: 6, data: 'f' })).toBe('write');
    expect(gate.offer({ seq: 6, data: 'f' })).toBe('stale');
  });

  it('after a restart holds again and forgets what came over the old link', () => {
    const gate = new LiveOutputGate();
    gate.open(0);
    gate.restart();
    expect(gate.offer({ seq: 900, data: 'from the old host' })).toBe('held');
    gate.restart();
    // A restarted host numbers from 1 again; its snapshot decides.
    const { fresh, stale } = gate.open(3);
    expect([fresh, stale]).toEqual([[], []]);
    expect(gate.offer({ seq: 4, data: 'd' })).toBe('write');
  });
});
