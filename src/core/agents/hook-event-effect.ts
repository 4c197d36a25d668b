/**
 * What one hook event of an agent's current run says about the agent, as data: the Codex session
 * and rollout log it names, the status it implies, and whether a turn ended. The supervisor applies
 * it; keeping the reading here keeps the rules in one small place.
 */
import type { HookEventName } from '../../shared/control';
import type { AgentStatus } from '../../shared/domain';

export interface HookEventEffect {
  sessionId: string | null;
  rolloutPath: string | null;
  /** The status the event implies, or null when it implies none (session start and end). */
  status: AgentStatus | null;
  /** Codex finished a turn (its Stop hook). */
  turnEnded: boolean;
  /** The start of the model's last message, for the "finished" notification. */
  lastMessage: string;
}

export function hookEventEffect(event: HookEventName, payload: Record<string, unknown>): HookEventEffect {
  const text = (key: string): string | null => (typeof payload[key] === 'string' ? payload[key] : null);
  const effect: HookEventEffect = {
    sessionId: text('session_id'),
    rolloutPath: text('transcript_path'),
    status: null,
    turnEnded: false,
    lastMessage: (text('last_assistant_message') ?? '').slice(0, 200),
  };
  switch (event) {
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return { ...effect, status: 'working' };
    case 'Stop':
      return { ...effect, status: 'finished', turnEnded: true };
    case 'SessionStart':
    case 'SessionEnd':
      return effect;
  }
}
