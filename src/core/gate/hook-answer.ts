/**
 * The core's side of a hook request: parse the payload, ask the handler (the hook gate's
 * `answerHook`, which checks the agent's token and runs the write gate), and turn its decision
 * into what Codex reads: exit 0 to go on (stdout may carry extra context for the model), exit 2
 * with a reason on stderr to refuse.
 *
 * Only PreToolUse can refuse. Every other event is informational, so a problem with one of them
 * never blocks the agent: it answers exit 0 and says nothing.
 */
import { hookEventFromArgument, type HookDecision, type HookEventName } from '../../shared/control';
import type { HookOutcome, HookRequestHeader } from './hook-wire';

export interface HookRequest {
  agentId: string;
  token: string;
  event: HookEventName;
  payload: Record<string, unknown>;
}

/** Answers synchronously: the reply is written before any other work the request causes. */
export type HookHandler = (request: HookRequest) => HookDecision;

const allow: HookOutcome = { exitCode: 0, stdout: '', stderr: '' };

export function answerHookRequest(header: HookRequestHeader, payload: Buffer, handle: HookHandler | null): HookOutcome {
  const event = hookEventFromArgument(header.event);
  // Not one of ours (a newer client?): nothing to gate, so nothing to refuse.
  if (!event) return allow;
  const refuse = (why: string): HookOutcome => (event === 'PreToolUse' ? { exitCode: 2, stdout: '', stderr: `${why}\n` } : allow);

  if (!handle) return refuse('Switchyard refused this call: this Switchyard does not check hook requests.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return refuse('Switchyard refused this call: the hook payload was not a JSON object.');
  }
  let decision: HookDecision;
  try {
    decision = handle({ agentId: header.agentId, token: header.token, event, payload: parsed as Record<string, unknown> });
  } catch (error) {
    return refuse(`Switchyard refused this call: ${error instanceof Error ? error.message : String(error)}`);
  }
  return outcomeOf(event, decision);
}

export function outcomeOf(event: HookEventName, decision: HookDecision): HookOutcome {
  if (decision.decision === 'deny') {
    return event === 'PreToolUse' ? { exitCode: 2, stdout: '', stderr: `${decision.reason ?? 'Switchyard refused this call.'}\n` } : allow;
  }
  const stdout = decision.additionalContext
    ? `${JSON.stringify({ hookSpecificOutput: { hookEventName: event, additionalContext: decision.additionalContext } })}\n`
    : '';
  return { exitCode: 0, stdout, stderr: '' };
}
