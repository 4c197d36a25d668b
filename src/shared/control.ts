/**
 * The control socket's wire format (newline-delimited JSON), and the hook event command that
 * `switchyard hook` sends through it.
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';

export const ControlRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string(),
  input: z.unknown(),
});
export type ControlRequest = z.infer<typeof ControlRequestSchema>;

export interface ControlResponse {
  id: number;
  result: unknown;
}

/**
 * Codex hook events the core understands (Codex 0.169 has these; PostToolUse skips apply_patch).
 * Which of them a managed Codex is asked to run is narrower: see gate/hook-args.ts.
 */
export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd'] as const;
export const HookEventNameSchema = z.enum(HOOK_EVENTS);
export type HookEventName = z.infer<typeof HookEventNameSchema>;

/** `codex-pre-tool-use` ⇄ `PreToolUse`: the CLI spells events the way shells like them. */
export const hookArgument = (event: HookEventName): string =>
  `codex-${event.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
export const hookEventFromArgument = (arg: string): HookEventName | null =>
  HOOK_EVENTS.find((event) => hookArgument(event) === arg) ?? null;

/** The largest hook payload accepted; Codex's are a few KB, a patch can be larger. */
export const MAX_HOOK_PAYLOAD_BYTES = 1_000_000;

/** The per-run secret a managed agent's hooks prove themselves with (hex; see agent-env.ts). */
export const HookTokenSchema = z.string().regex(/^[0-9a-f]{32,128}$/);

export const HookInputSchema = z.object({
  agentId: AgentIdSchema,
  token: HookTokenSchema,
  event: HookEventNameSchema,
  payload: z.record(z.string(), z.unknown()),
});

export const HookDecisionSchema = z.object({
  decision: z.enum(['allow', 'deny']),
  /** Shown to the model when a call is refused. */
  reason: z.string().optional(),
  /** Extra context for the model (advise mode). */
  additionalContext: z.string().optional(),
});
export type HookDecision = z.infer<typeof HookDecisionSchema>;

/** Environment variables a managed agent (and so its hooks) carries. */
export const AGENT_ID_ENV = 'SWITCHYARD_AGENT_ID';
export const CONTROL_SOCKET_ENV = 'SWITCHYARD_CONTROL_SOCKET';
/** The agent's hook token: the core answers a hook only when it matches the agent's current run. */
export const HOOK_TOKEN_ENV = 'SWITCHYARD_HOOK_TOKEN';
/** Tests shorten the hook client's wait for a busy Switchyard (milliseconds). */
export const HOOK_DEADLINE_ENV = 'SWITCHYARD_HOOK_DEADLINE_MS';
