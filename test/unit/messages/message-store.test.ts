/**
 * `.agents/messages.jsonl`: messages and deliveries appended and read back; a torn or invalid line
 * is skipped with a warning and never stops the reading; a write after a torn tail starts a new line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES_FILE, MessageStore } from '../../../src/core/messages/message-store';

let dir: string;
let file: string;
const warnings: string[] = [];
const open = (): MessageStore => MessageStore.inDir(dir, (problem) => warnings.push(problem));
const message = (id: string, text = `text of ${id}`) => ({ id, at: '2026-01-01T10:00:00.000Z', from: null, to: 'agent-b', text, deliverNow: false });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-messages-'));
  file = path.join(dir, MESSAGES_FILE);
  warnings.splice(0);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('MessageStore', () => {
  it('starts empty without a file, and reads back what it appended: messages in order, each delivery once', () => {
    const store = open();
    expect(store.all()).toEqual([]);
    store.add(message('m-1'));
    store.add({ ...message('m-2'), to: null, from: 'agent-a' });
    expect(store.delivered('m-1', { agentId: 'agent-b', at: '2026-01-01T10:01:00.000Z', via: 'hook' })).not.toBeNull();
    expect(store.delivered('m-1', { agentId: 'agent-b', at: '2026-01-01T10:02:00.000Z', via: 'read' })).toBeNull();
    expect(store.delivered('m-unknown', { agentId: 'agent-b', at: '2026-01-01T10:02:00.000Z', via: 'read' })).toBeNull();

    const again = open();
    expect(again.all().map((m) => [m.id, m.to, m.deliveries.map((d) => d.via)])).toEqual([
      ['m-1', 'agent-b', ['hook']],
      ['m-2', null, []],
    ]);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('skips a torn line, a line that is not a record, and a delivery of an unknown message, each with a warning', () => {
    const good = JSON.stringify({ type: 'message', ...message('m-1') });
    const badRecord = JSON.stringify({ type: 'message', id: 'm-2', at: 'x', from: 'Not An Id', to: null, text: 'hi' });
    const orphan = JSON.stringify({ type: 'delivered', id: 'm-9', agentId: 'agent-b', at: 'x', via: 'hook' });
    fs.writeFileSync(file, `${good}\n{"type":"mess\n${badRecord}\n${orphan}\n\n`);
    const store = open();
    expect(store.all().map((m) => m.id)).toEqual(['m-1']);
    expect(warnings).toEqual([
      expect.stringMatching(/line 2 was skipped: not JSON/),
      expect.stringMatching(/line 3 was skipped: from:/),
      expect.stringMatching(/line 4 was skipped: a delivery of unknown message m-9/),
    ]);
  });

  it('starts its next record on a new line when the file ends in a torn write', () => {
    fs.writeFileSync(file, `${JSON.stringify({ type: 'message', ...message('m-1') })}\n{"type":"deliv`);
    const store = open();
    store.add(message('m-2'));
    warnings.splice(0);
    expect(open().all().map((m) => m.id)).toEqual(['m-1', 'm-2']);
    expect(warnings).toEqual([expect.stringMatching(/line 2 was skipped/)]);
  });
});
