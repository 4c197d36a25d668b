/**
 * The saved terminals under `.agents/terminals/`: written in coalesced appends, never larger than
 * their bound (a flood is compacted to the mirror's screen), read back as far as they can be read
 * when torn or garbled, pruned with their agents, and put back into a restored terminal with a
 * note when something is missing. Real files in a temp folder; a manual clock for the flushes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Terminal } from '@xterm/headless';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeOutput, encodeSize, readTerminalLog } from '../../../src/core/terminals/terminal-log';
import { fitScreen, TerminalLogLimits, TerminalLogWriter } from '../../../src/core/terminals/terminal-log-writer';
import { TerminalSessions } from '../../../src/core/terminals/terminal-sessions';
import { TerminalStore } from '../../../src/core/terminals/terminal-store';
import { ManualClock } from '../../harness/manual-clock';

const SIZE = { cols: 80, rows: 24 };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-terminals-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The text a view shows after writing `data` (scrollback and screen, trailing blanks trimmed). */
async function shown(data: string, size = SIZE): Promise<string> {
  const term = new Terminal({ ...size, scrollback: 10_000, allowProposedApi: true, logLevel: 'off' });
  await new Promise<void>((resolve) => term.write(data, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)!.translateToString(true));
  term.dispose();
  return lines.join('\n').trimEnd();
}

describe('readTerminalLog', () => {
  const file = (): string => path.join(dir, 'a.log');

  it('reads sizes and output in order, and says nothing is saved when there is no file', () => {
    expect(readTerminalLog(file(), 1_000_000)).toMatchObject({ found: false, records: [], problem: null });
    fs.writeFileSync(file(), encodeSize(SIZE) + encodeOutput('one\r\n') + encodeOutput('\x1b[31mtwo\x1b[0m'));
    const read = readTerminalLog(file(), 1_000_000);
    expect(read.problem).toBeNull();
    expect(read.bytes).toBe(fs.statSync(file()).size);
    expect(read.records).toEqual([
      { kind: 'size', size: SIZE },
      { kind: 'output', data: 'one\r\n' },
      { kind: 'output', data: '\x1b[31mtwo\x1b[0m' },
    ]);
  });

  it('reads what it can of a torn or garbled file, and says what it could not', () => {
    const good = encodeSize(SIZE) + encodeOutput('kept\r\n');
    fs.writeFileSync(file(), `${good}not json\n{"o":42}\n${encodeOutput('after garbage')}{"o":"cut sh`);
    const read = readTerminalLog(file(), 1_000_000);
    expect(read.records.map((r) => (r.kind === 'output' ? r.data : 'size'))).toEqual(['size', 'kept\r\n', 'after garbage']);
    expect(read.problem).toBe('2 unreadable record(s) skipped; its last record was cut short');

    fs.writeFileSync(file(), Buffer.from([0xff, 0x00, 0x1b, 0x0a, 0xfe, 0x7b]));
    expect(readTerminalLog(file(), 1_000_000)).toMatchObject({ found: true, records: [] });
    expect(readTerminalLog(file(), 1_000_000).problem).not.toBeNull();

    fs.rmSync(file());
    fs.mkdirSync(file());
    expect(readTerminalLog(file(), 1_000_000)).toMatchObject({ found: true, records: [], problem: 'could not read it (EISDIR)' });
  });

  it('reads only the end of a file past its bound', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => encodeOutput(`line ${i}\r\n`)).join('');
    fs.writeFileSync(file(), lines);
    const read = readTerminalLog(file(), 2_000);
    expect(read.records.length).toBeGreaterThan(50);
    expect(read.records.length).toBeLessThan(200);
    expect(read.records.at(-1)).toEqual({ kind: 'output', data: 'line 999\r\n' });
    expect(read.problem).toContain('only its last 2000 bytes were read');
  });
});

describe('TerminalLogWriter', () => {
  const writerFor = (clock: ManualClock, snapshot: () => string, problems: string[] = []): TerminalLogWriter =>
    new TerminalLogWriter({
      file: path.join(dir, 'terminals', 'a.log'),
      bytes: 0,
      damaged: false,
      snapshot: async () => ({ data: snapshot(), seq: 0, ...SIZE }),
      clock,
      onProblem: (message) => problems.push(message),
    });

  it('gathers output and writes it as one record per flush interval', async () => {
    const clock = new ManualClock();
    const writer = writerFor(clock, () => 'unused');
    writer.size(SIZE);
    for (let i = 0; i < 100; i++) writer.output(`chunk ${i};`);
    const file = path.join(dir, 'terminals', 'a.log');
    expect(fs.existsSync(file)).toBe(false);
    clock.advance(TerminalLogLimits.FlushMs);
    await writer.flush();
    const records = readTerminalLog(file, 1_000_000).records;
    expect(records).toHaveLength(2);
    expect(records[1]).toEqual({ kind: 'output', data: Array.from({ length: 100 }, (_, i) => `chunk ${i};`).join('') });
  });

  it('never lets the file outgrow its bound: a flood is compacted to the screen', async () => {
    const clock = new ManualClock();
    let snapshots = 0;
    const writer = writerFor(clock, () => `screen ${++snapshots}\r\n`);
    const file = path.join(dir, 'terminals', 'a.log');
    const chunk = '\x1b[32m' + 'x'.repeat(4_000) + '\x1b[0m\r\n';
    let largest = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 20; i++) writer.output(chunk);
      clock.advance(TerminalLogLimits.FlushMs);
      await writer.flush();
      largest = Math.max(largest, fs.statSync(file).size);
    }
    expect(largest).toBeLessThanOrEqual(TerminalLogLimits.MaxBytes);
    // 3.2 MB went through; a compaction happened, not one per write.
    expect(snapshots).toBeGreaterThan(0);
    expect(snapshots).toBeLessThanOrEqual(40);
    const records = readTerminalLog(file, 1_000_000).records;
    expect(records[0]).toEqual({ kind: 'size', size: SIZE });
    expect(records[1]).toMatchObject({ kind: 'output', data: expect.stringMatching(/^screen \d+/) as unknown });
  });

  it('cuts a screen too large for a compacted log at a line, oldest lines first', () => {
    const screen = Array.from({ length: 2_000 }, (_, i) => `\x1b[3${i % 8}mrow ${i}\x1b[0m`).join('\r\n');
    const fitted = fitScreen(screen, 10_000);
    expect(Buffer.byteLength(encodeOutput(fitted))).toBeLessThanOrEqual(10_000);
    expect(fitted.startsWith('\x1b[0m\x1b[3')).toBe(true);
    expect(fitted.endsWith('row 1999\x1b[0m')).toBe(true);
    expect(fitScreen('small', 10_000)).toBe('small');
  });

  it('survives a folder it cannot write to, and writes the whole file once it can', async () => {
    const clock = new ManualClock();
    const problems: string[] = [];
    fs.writeFileSync(path.join(dir, 'terminals'), 'a file where the folder should be');
    const writer = writerFor(clock, () => 'the screen\r\n', problems);
    writer.output('lost for now');
    await writer.flush();
    expect(problems).toHaveLength(1);
    fs.rmSync(path.join(dir, 'terminals'));
    writer.output('more');
    await writer.flush();
    const records = readTerminalLog(path.join(dir, 'terminals', 'a.log'), 1_000_000).records;
    expect(records).toEqual([{ kind: 'size', size: SIZE }, { kind: 'output', data: 'the screen\r\n' }]);
  });


  it('does not bring back a repository deleted under it', async () => {
    const problems: string[] = [];
    const gone = path.join(dir, 'deleted-repo', '.agents');
    const writer = new TerminalLogWriter({
      file: path.join(gone, 'terminals', 'a.log'),
      bytes: 0,
      damaged: false,
      snapshot: async () => ({ data: 'screen', seq: 0, ...SIZE }),
      clock: new ManualClock(),
      onProblem: (message) => problems.push(message),
    });
    writer.output('output');
    await writer.flush();
    writer.output('more');
    await writer.flush();
    expect(problems.length).toBe(2);
    expect(problems[0]).toContain('ENOENT');
    expect(fs.existsSync(path.join(dir, 'deleted-repo'))).toBe(false);
  });
});

describe('TerminalStore.prune', () => {
  it('removes the files of agents the registry no longer holds and leftover temp files', () => {
    const store = new TerminalStore(dir, new ManualClock(), () => {});
    fs.mkdirSync(store.dir);
    for (const name of ['kept-1a2b.log', 'gone-3c4d.log', 'kept-1a2b.log.tmp', 'README']) fs.writeFileSync(path.join(store.dir, name), 'x');
    store.prune(new Set(['kept-1a2b']));
    expect(fs.readdirSync(store.dir).sort()).toEqual(['README', 'kept-1a2b.log']);
  });
});

describe('TerminalSessions across a restart', () => {
  const agent = { id: 'worker-1a2b', pid: 4242 };

  /** One run of the core: reopen the repository's `.agents/`, do things, save and let go. */
  async function run(agents: Array<{ id: string; pid: number | null }>, body: (sessions: TerminalSessions) => Promise<void> | void): Promise<void> {
    const sessions = new TerminalSessions({ clock: new ManualClock() });
    sessions.reopen(dir, agents);
    await body(sessions);
    await sessions.flushAll();
    sessions.disposeAll();
  }
  const screenOf = async (sessions: TerminalSessions, id: string): Promise<string> => shown((await sessions.open(id, SIZE).snapshot(null)).data);

  it('puts an agent\'s terminal back after a restart, and keeps adding to it', async () => {
    await run([], (sessions) => {
      sessions.open(agent.id, SIZE).record('first run says hello\r\n');
    });
    await run([agent], async (sessions) => {
      expect(await screenOf(sessions, agent.id)).toBe('first run says hello');
      sessions.open(agent.id, SIZE).record('\x1b[2m── resumed ──\x1b[0m\r\nsecond run\r\n');
    });
    await run([agent], async (sessions) => {
      expect(await screenOf(sessions, agent.id)).toBe('first run says hello\n── resumed ──\nsecond run');
    });
  });

  it('does not put an earlier run\'s last screen back again when a resumed run ends', async () => {
    const codexRun = '\x1b[?1049h\x1b[H\x1b[Jthe old conversation\x1b[1;1H\x1b[J\x1b[?1049lexit line\r\n';
    await run([], (sessions) => {
      sessions.open(agent.id, SIZE).record(codexRun);
    });
    await run([agent], async (sessions) => {
      const session = sessions.open(agent.id, SIZE);
      await session.snapshot(null);
      // A resumed Codex that ends before drawing anything: nothing to put back.
      session.record('resumed, then failed\r\n');
      expect(await session.keptScreen()).toBeNull();
    });
  });

  it('restores at the size the output was laid out for', async () => {
    const wide = { cols: 120, rows: 10 };
    await run([], (sessions) => {
      const session = sessions.open(agent.id, SIZE);
      session.resize(wide);
      session.record(`${'w'.repeat(100)}\r\n`);
    });
    await run([agent], async (sessions) => {
      const snapshot = await sessions.open(agent.id, SIZE).snapshot(null);
      expect(snapshot).toMatchObject(wide);
      expect(await shown(snapshot.data, wide)).toBe('w'.repeat(100));
    });
  });

  it('says why a restored terminal is empty or incomplete, and never throws on a bad file', async () => {
    const queued = { id: 'queued-5e6f', pid: null };
    await run([agent, queued], async (sessions) => {
      expect(await screenOf(sessions, agent.id)).toContain('No saved screen for this agent: it ran before Switchyard kept terminal screens');
      // An agent that never ran has nothing to miss.
      expect(await screenOf(sessions, queued.id)).toBe('');
    });

    const file = path.join(dir, 'terminals', `${agent.id}.log`);
    fs.writeFileSync(file, `${encodeSize(SIZE)}${encodeOutput('readable part\r\n')}garbage\n{"o":"torn`);
    await run([agent], async (sessions) => {
      const screen = await screenOf(sessions, agent.id);
      expect(screen).toContain('Part of the saved screen of this agent could not be read');
      expect(screen).toContain('readable part');
    });

    fs.writeFileSync(file, '\u0000\u0001 not a log at all');
    await run([agent], async (sessions) => {
      expect(await screenOf(sessions, agent.id)).toContain('The saved screen of this agent could not be read (its last record was cut short)');
    });
  });

  it('starts a new agent\'s file afresh and removes the files of agents that are gone', async () => {
    const terminals = path.join(dir, 'terminals');
    fs.mkdirSync(terminals);
    fs.writeFileSync(path.join(terminals, `${agent.id}.log`), encodeOutput('a stale file of the same name\r\n'));
    fs.writeFileSync(path.join(terminals, 'gone-9a9a.log'), encodeOutput('an agent no longer in the registry\r\n'));
    await run([], (sessions) => {
      sessions.open(agent.id, SIZE).record('new agent\r\n');
    });
    expect(fs.readdirSync(terminals)).toEqual([`${agent.id}.log`]);
    await run([agent], async (sessions) => {
      expect(await screenOf(sessions, agent.id)).toBe('new agent');
    });
  });
});
