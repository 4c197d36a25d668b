/**
 * The JSON Codex writes to a PreToolUse hook's stdin, parsed and bounded. The hook runs inside
 * every managed agent's tool calls, so a malformed or enormous payload must come back as a clear
 * refusal, never as a crash or an unbounded parse.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';

/** Far above any real tool call (a large apply_patch is tens of KB) and still cheap to parse. */
export const MAX_HOOK_PAYLOAD_BYTES = 1_048_576;

export const PreToolUseToolInputSchema = z.looseObject({
  /** Codex's `Bash` tool (exec_command, and apply_patch calls it intercepts). */
  command: z.string().optional(),
});

export const PreToolUsePayloadSchema = z
  .looseObject({
    session_id: z.string(),
    transcript_path: z.string().nullable(),
    cwd: z.string().min(1),
    hook_event_name: z.literal('PreToolUse'),
    tool_name: z.string().min(1),
    tool_input: PreToolUseToolInputSchema,
    tool_use_id: z.string().optional(),
  })
  .refine((p) => p.tool_name !== 'Bash' || typeof p.tool_input.command === 'string', {
    message: 'a Bash tool call must carry tool_input.command',
    path: ['tool_input', 'command'],
  });
export type PreToolUsePayload = z.infer<typeof PreToolUsePayloadSchema>;

const describeIssue = (issue: z.core.$ZodIssue): string =>
  issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;

/** Parses the hook's stdin (text or bytes); failures say what was wrong in one sentence. */
export function parsePreToolUsePayload(input: string | Uint8Array): Result<PreToolUsePayload> {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > MAX_HOOK_PAYLOAD_BYTES) {
    return fail('invalid-input', `The hook payload is ${bytes} bytes, more than the ${MAX_HOOK_PAYLOAD_BYTES}-byte limit; the tool call is refused.`);
  }
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (text.trim() === '') return fail('invalid-input', 'The hook payload is empty; expected the PreToolUse JSON on stdin.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('invalid-input', `The hook payload is not JSON (${(error as Error).message}).`);
  }
  const parsed = PreToolUsePayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(describeIssue).join('; ');
    return fail('invalid-input', `The hook payload is not a PreToolUse call: ${issues}.`);
  }
  return ok(parsed.data);
}
