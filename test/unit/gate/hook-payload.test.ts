/** The PreToolUse payload: parsed when well-formed, refused clearly when not. */
import { describe, expect, it } from 'vitest';
import { MAX_HOOK_PAYLOAD_BYTES, parsePreToolUsePayload } from '../../../src/core/gate/hook-payload';

const valid = {
  session_id: 's-1',
  transcript_path: '/home/u/.codex/sessions/2025/01/01/rollout-x.jsonl',
  cwd: '/repo',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command: 'echo hi > a.txt', workdir: '/repo' },
  tool_use_id: 'call_1',
  permission_mode: 'default',
};

const failure = (input: string | Uint8Array): string => {
  const result = parsePreToolUsePayload(input);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.code).toBe('invalid-input');
  return result.error.message;
};

describe('parsePreToolUsePayload', () => {
  it('parses a Codex payload and keeps keys it does not know', () => {
    const result = parsePreToolUsePayload(JSON.stringify(valid));
    expect(result).toEqual({ ok: true, value: valid });
    const bytes = parsePreToolUsePayload(new TextEncoder().encode(JSON.stringify(valid)));
    expect(bytes.ok).toBe(true);
  });

  it('accepts non-Bash tools without a command, and a null transcript path', () => {
    const mcp = { ...valid, tool_name: 'mcp__switchyard__claim_paths', tool_input: { paths: ['a'] }, transcript_path: null };
    expect(parsePreToolUsePayload(JSON.stringify(mcp)).ok).toBe(true);
  });

  it('refuses payloads over the size limit before parsing them', () => {
    const huge = JSON.stringify({ ...valid, tool_input: { command: 'x'.repeat(MAX_HOOK_PAYLOAD_BYTES) } });
    expect(failure(huge)).toMatch(new RegExp(`more than the ${MAX_HOOK_PAYLOAD_BYTES}-byte limit`));
    // Bytes, not characters: multi-byte text counts for what it weighs.
    expect(failure('é'.repeat(MAX_HOOK_PAYLOAD_BYTES / 2 + 1))).toMatch(/byte limit/);
  });

  it('refuses empty input, non-JSON and JSON of the wrong shape, saying what is wrong', () => {
    expect(failure('')).toMatch(/empty/);
    expect(failure('{"session_id": ')).toMatch(/not JSON/);
    expect(failure('[1,2]')).toMatch(/not a PreToolUse call/);
    expect(failure(JSON.stringify({ ...valid, hook_event_name: 'PostToolUse' }))).toMatch(/hook_event_name/);
    expect(failure(JSON.stringify({ ...valid, cwd: 7 }))).toMatch(/cwd/);
    expect(failure(JSON.stringify({ ...valid, tool_input: {} }))).toMatch(/tool_input\.command: a Bash tool call must carry tool_input\.command/);
    const { session_id: _omit, ...noSession } = valid;
    expect(failure(JSON.stringify(noSession))).toMatch(/session_id/);
  });
});
