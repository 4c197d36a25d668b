/** Following a growing rollout file: partial lines, split characters, truncation, a late file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RolloutEvent } from '../../../src/core/changes/rollout-events';
import { RolloutTailer } from '../../../src/core/changes/rollout-tailer';

const REPO = '/tmp/sy-repo-tail';
const fileChange = (id: string, file: string): string =>
  `${JSON.stringify({
    type: 'event_msg',
    payload: { type: 'item_completed', item: { type: 'FileChange', id, changes: { [`${REPO}/${file}`]: { type: 'add', content: 'x' } }, status: 'completed' }, started_at_ms: 1, completed_at_ms: 2 },
  })}\n`;

describe('RolloutTailer', () => {
  let dir: string;
  let file: string;
  let events: RolloutEvent[];
  let tailer: RolloutTailer | null;
  const start = (): RolloutTailer => {
    tailer = new RolloutTailer({ file, agentId: 'a', repo: REPO, onEvents: (e) => events.push(...e), pollMs: 60_000 });
    return tailer;
  };
  const paths = (): string[] => events.flatMap((e) => (e.type === 'file-change' ? e.paths : []));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-tail-'));
    file = path.join(dir, 'rollout.jsonl');
    events = [];
    tailer = null;
  });
  afterEach(() => {
    tailer?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds a partial last line until its newline arrives, even when a UTF-8 character is split', async () => {
    const whole = Buffer.from(fileChange('c1', 'café-ü.txt'));
    const cut = whole.indexOf(Buffer.from('é')) + 1; // inside the two bytes of é
    fs.writeFileSync(file, whole.subarray(0, cut));
    const t = start();
    await t.readNow();
    expect(events).toEqual([]);
    fs.appendFileSync(file, whole.subarray(cut, whole.length - 1));
    await t.readNow();
    expect(events).toEqual([]);
    fs.appendFileSync(file, '\n');
    await t.readNow();
    expect(paths()).toEqual(['café-ü.txt']);
  });

  it('reads each line once across many appends', async () => {
    fs.writeFileSync(file, fileChange('c1', 'one.txt'));
    const t = start();
    await t.readNow();
    fs.appendFileSync(file, fileChange('c2', 'two.txt') + fileChange('c3', 'three.txt'));
    await t.readNow();
    await t.readNow();
    expect(paths()).toEqual(['one.txt', 'two.txt', 'three.txt']);
  });

  it('starts over when the file is truncated', async () => {
    fs.writeFileSync(file, fileChange('c1', 'one.txt') + fileChange('c2', 'two.txt'));
    const t = start();
    await t.readNow();
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, fileChange('c3', 'three.txt'));
    await t.readNow();
    expect(paths()).toEqual(['one.txt', 'two.txt', 'three.txt']);
  });

  it('starts over when the file is replaced by a new one', async () => {
    fs.writeFileSync(file, fileChange('c1', 'one.txt'));
    const t = start();
    await t.readNow();
    const replacement = path.join(dir, 'next.jsonl');
    fs.writeFileSync(replacement, fileChange('c2', 'two.txt') + fileChange('c3', 'three.txt'));
    fs.renameSync(replacement, file);
    await t.readNow();
    expect(paths()).toEqual(['one.txt', 'two.txt', 'three.txt']);
  });

  it('waits for a file that does not exist yet, then follows it through fs.watch', async () => {
    const t = start();
    await t.readNow();
    fs.writeFileSync(file, fileChange('c1', 'late.txt'));
    await t.readNow();
    expect(paths()).toEqual(['late.txt']);
    // From here on, fs.watch (not the hour-long poll) delivers new lines.
    fs.appendFileSync(file, fileChange('c2', 'watched.txt'));
    const deadline = Date.now() + 5_000;
    while (paths().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(paths()).toEqual(['late.txt', 'watched.txt']);
  });

  it('skips a line that is not JSON and goes on with the next', async () => {
    fs.writeFileSync(file, `{"torn": \n${fileChange('c1', 'ok.txt')}`);
    const t = start();
    await t.readNow();
    expect(paths()).toEqual(['ok.txt']);
  });
});
