/** Rollout-derived counts are idempotent: a log read again from its start (after a restart) counts nothing twice. */
import { describe, expect, it } from 'vitest';
import { modelTurns, newAgentRecord, noteRolloutEvents, noteStatus, totalTokens } from '../../../src/core/metrics/agent-record';
import { RolloutLineParser, type RolloutEvent } from '../../../src/core/changes/rollout-events';

const REPO = '/tmp/sy-metrics-repo';
const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, s)).toISOString();
const tokenLine = (s: number, input: number, cached: number, output: number) =>
  JSON.stringify({
    timestamp: at(s),
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: {
        total_token_usage: { input_tokens: input, cached_input_tokens: cached, cache_write_input_tokens: 0, output_tokens: output, reasoning_output_tokens: 0, total_tokens: input + output },
        last_token_usage: { input_tokens: 1, cached_input_tokens: 0, output_tokens: 1, reasoning_output_tokens: 0, total_tokens: 2 },
        model_context_window: 258400,
      },
      rate_limits: null,
    },
  });
const LOG = [
  JSON.stringify({ timestamp: at(0), type: 'turn_context', payload: { cwd: REPO, model: 'gpt-5.2-codex' } }),
  JSON.stringify({ timestamp: at(1), type: 'response_item', payload: { type: 'function_call', name: 'exec_command', call_id: 'c1', arguments: '{"cmd":"ls"}' } }),
  tokenLine(1, 100, 20, 10),
  JSON.stringify({ timestamp: at(2), type: 'response_item', payload: { type: 'function_call', name: 'exec_command', call_id: 'c2', arguments: '{"cmd":"ls"}' } }),
  tokenLine(2, 250, 120, 30),
  // Codex may repeat a token_count with the same totals: not another turn.
  tokenLine(2, 250, 120, 30),
  JSON.stringify({
    timestamp: at(3),
    type: 'event_msg',
    payload: { type: 'item_completed', item: { type: 'FileChange', id: 'c3', changes: { [`${REPO}/a.txt`]: { type: 'add' }, [`${REPO}/b.txt`]: { type: 'add' } }, status: 'completed' } },
  }),
];

function parse(lines: readonly string[]): RolloutEvent[] {
  const parser = new RolloutLineParser('agent-a', REPO);
  return lines.flatMap((l) => parser.parse(l));
}

describe('agent metrics record', () => {
  it('reads token_count as the cumulative usage and turn_context as the model', () => {
    const events = parse(LOG);
    expect(events.find((e) => e.type === 'model')).toMatchObject({ model: 'gpt-5.2-codex' });
    expect(events.filter((e) => e.type === 'token-count').at(-1)).toMatchObject({ total: { input: 250, cachedInput: 120, output: 30, total: 280 } });
  });

  it('counts turns, tool calls, tokens by model and edits once, however often the log is read', () => {
    const record = newAgentRecord('agent-a', 'a');
    noteRolloutEvents(record, 'log-1', parse(LOG));
    const once = structuredClone(record);
    expect(modelTurns(record)).toBe(2);
    expect(record.toolCalls).toBe(2);
    expect(record.editCount).toBe(1);
    expect(record.edits).toEqual([{ at: Date.parse(at(3)), files: 2 }]);
    expect(record.byModel['gpt-5.2-codex']).toEqual({ input: 250, cachedInput: 120, output: 30, reasoningOutput: 0, total: 280 });
    expect(noteRolloutEvents(record, 'log-1', parse(LOG))).toBe(false);
    expect(record).toEqual(once);
    // A second log (another session of the agent) adds its own totals.
    noteRolloutEvents(record, 'log-2', parse([tokenLine(9, 5, 0, 5)]));
    expect(totalTokens(record).total).toBe(290);
    expect(modelTurns(record)).toBe(3);
  });

  it('records a status only when it changes, never before the previous mark', () => {
    const record = newAgentRecord('agent-a', 'a');
    expect(noteStatus(record, 'queued', 10)).toBe(true);
    expect(noteStatus(record, 'queued', 20)).toBe(false);
    expect(noteStatus(record, 'working', 5)).toBe(true);
    expect(record.marks).toEqual([
      { at: 10, status: 'queued' },
      { at: 10, status: 'working' },
    ]);
  });
});
