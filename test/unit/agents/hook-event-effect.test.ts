/** Reading a hook event of an agent's run: the session it names, the status it implies, a turn's end. */
import { describe, expect, it } from 'vitest';
import { hookEventEffect } from '../../../src/core/agents/hook-event-effect';

describe('hookEventEffect', () => {
  it('takes the session and rollout log when the payload names them, and nothing that is not a string', () => {
    expect(hookEventEffect('SessionStart', { session_id: 's-1', transcript_path: '/r.jsonl' })).toEqual({
      sessionId: 's-1',
      rolloutPath: '/r.jsonl',
      status: null,
      turnEnded: false,
      lastMessage: '',
    });
    expect(hookEventEffect('SessionStart', { session_id: 42 })).toMatchObject({ sessionId: null, rolloutPath: null });
  });

  it('a prompt or a tool call means working; Stop means a finished turn, with the start of its last message', () => {
    for (const event of ['UserPromptSubmit', 'PreToolUse', 'PostToolUse'] as const) {
      expect(hookEventEffect(event, {})).toMatchObject({ status: 'working', turnEnded: false });
    }
    const stop = hookEventEffect('Stop', { last_assistant_message: 'x'.repeat(500) });
    expect(stop).toMatchObject({ status: 'finished', turnEnded: true });
    expect(stop.lastMessage).toHaveLength(200);
  });
});
