/**
 * `switchyard hook codex-<event>`: what Codex runs at each hook. It forwards the hook's JSON to
 * the Switchyard that started this agent and turns the answer into Codex's hook protocol:
 * exit 0 to allow (stdout may carry extra context), exit 2 with a reason on stderr to refuse.
 *
 * When Switchyard cannot be reached, a PreToolUse hook refuses (fails closed): an agent whose
 * writes nobody checks could overwrite another agent's work, and a paused agent loses nothing.
 * Every other event is informational and lets Codex carry on.
 */
import {
  AGENT_ID_ENV,
  CONTROL_SOCKET_ENV,
  HookDecisionSchema,
  hookEventFromArgument,
  MAX_HOOK_PAYLOAD_BYTES,
} from '../shared/control';
import { controlRequest } from '../core/control/control-client';

/** Codex waits on the hook; an answer slower than this means Switchyard is in trouble. */
const HOOK_TIMEOUT_MS = 10_000;

export interface HookOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export async function runHook(eventArg: string, stdin: string, env: NodeJS.ProcessEnv): Promise<HookOutcome> {
  const event = hookEventFromArgument(eventArg);
  if (!event) return { exitCode: 1, stdout: '', stderr: `switchyard hook: unknown event ${JSON.stringify(eventArg)}.\n` };
  const failClosed = event === 'PreToolUse';
  const refuse = (why: string): HookOutcome =>
    failClosed ? { exitCode: 2, stdout: '', stderr: `${why}\n` } : { exitCode: 0, stdout: '', stderr: '' };

  const agentId = env[AGENT_ID_ENV];
  const socket = env[CONTROL_SOCKET_ENV];
  // Outside a managed agent (a user's own Codex with this hook configured) there is nothing to ask.
  if (!agentId || !socket) return { exitCode: 0, stdout: '', stderr: '' };

  if (Buffer.byteLength(stdin) > MAX_HOOK_PAYLOAD_BYTES) {
    return refuse(`Switchyard refused this call: its hook payload is larger than ${MAX_HOOK_PAYLOAD_BYTES} bytes.`);
  }
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stdin);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    payload = parsed as Record<string, unknown>;
  } catch {
    return refuse('Switchyard refused this call: the hook payload was not a JSON object.');
  }

  let result;
  try {
    result = await controlRequest(socket, 'hook.event', { agentId, event, payload }, HOOK_TIMEOUT_MS);
  } catch (error) {
    return refuse(
      `Switchyard, which coordinates the agents in this repository, is not reachable (${(error as Error).message}); ` +
        'file changes are paused until it is back. Wait and retry, or ask the user.',
    );
  }
  if (!result.ok) return refuse(`Switchyard refused this call: ${result.error.message}`);
  const decision = HookDecisionSchema.safeParse(result.value);
  if (!decision.success) return refuse('Switchyard gave an answer this hook does not understand.');
  if (decision.data.decision === 'deny') {
    return { exitCode: 2, stdout: '', stderr: `${decision.data.reason ?? 'Switchyard refused this call.'}\n` };
  }
  const stdout = decision.data.additionalContext
    ? `${JSON.stringify({ hookSpecificOutput: { hookEventName: event, additionalContext: decision.data.additionalContext } })}\n`
    : '';
  return { exitCode: 0, stdout, stderr: '' };
}

export function readStdin(limit: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep one byte past the limit so the size check above still sees an oversized payload.
      if (size <= limit + 1) chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function hookMain(eventArg: string): Promise<never> {
  const outcome = await runHook(eventArg, await readStdin(MAX_HOOK_PAYLOAD_BYTES), process.env);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exit(outcome.exitCode);
}
