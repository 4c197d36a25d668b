/**
 * `switchyard hook codex-<event>` and `out/main/hook.js`: the Node hook client, which Codex runs
 * where the native `switchyard-hook` (src/core/gate/hook-client/hook-client.c) could not be
 * built. Same wire (src/core/gate/hook-wire.ts), same answers, same failures:
 *
 * When Switchyard cannot be reached, a PreToolUse hook refuses (fails closed) at once: an agent
 * whose writes nobody checks could overwrite another agent's work, and a paused agent loses
 * nothing. When it is connected but busy, the client waits up to its deadline (below the timeout
 * Codex gives the hook), then refuses. Every other event is informational and lets Codex carry on.
 */
import {
  AGENT_ID_ENV,
  CONTROL_SOCKET_ENV,
  HOOK_DEADLINE_ENV,
  HOOK_TOKEN_ENV,
  hookEventFromArgument,
  MAX_HOOK_PAYLOAD_BYTES,
} from '../shared/control';
import { HOOK_CLIENT_DEADLINE_MS } from '../core/gate/hook-args';
import { exchangeHookRequest } from '../core/gate/hook-exchange';
import { encodeHookRequest, type HookOutcome } from '../core/gate/hook-wire';

export type { HookOutcome } from '../core/gate/hook-wire';

const PLAIN_FIELD = /^[^\s]{1,128}$/;

export async function runHook(eventArg: string, stdin: Buffer | string, env: NodeJS.ProcessEnv): Promise<HookOutcome> {
  const event = hookEventFromArgument(eventArg);
  const failClosed = event === 'PreToolUse';
  const refuse = (why: string): HookOutcome =>
    failClosed ? { exitCode: 2, stdout: '', stderr: `${why}\n` } : { exitCode: 0, stdout: '', stderr: '' };

  const agentId = env[AGENT_ID_ENV];
  // Outside a managed agent (a user's own Codex with this hook configured) there is nothing to ask.
  if (!agentId) return { exitCode: 0, stdout: '', stderr: '' };
  const socket = env[CONTROL_SOCKET_ENV];
  const token = env[HOOK_TOKEN_ENV];
  if (!socket || !token || !PLAIN_FIELD.test(agentId) || !PLAIN_FIELD.test(token) || !PLAIN_FIELD.test(eventArg)) {
    return refuse("Switchyard refused this call: this agent's Switchyard settings (SWITCHYARD_* variables) are missing or malformed.");
  }
  const payload = typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin;
  if (payload.length > MAX_HOOK_PAYLOAD_BYTES) {
    return refuse(`Switchyard refused this call: its hook payload is larger than ${MAX_HOOK_PAYLOAD_BYTES} bytes.`);
  }
  const deadlineMs = Number(env[HOOK_DEADLINE_ENV]) > 0 ? Number(env[HOOK_DEADLINE_ENV]) : HOOK_CLIENT_DEADLINE_MS;
  const result = await exchangeHookRequest(socket, encodeHookRequest({ agentId, token, event: eventArg }, payload), deadlineMs);
  switch (result.kind) {
    case 'reply':
      return result.outcome;
    case 'busy':
      return refuse(
        `Switchyard is busy and did not answer within ${Math.ceil(deadlineMs / 1000)} seconds; this file change was not made. Retry it in a moment.`,
      );
    case 'unreachable':
      return refuse(
        `Switchyard, which coordinates the agents in this repository, is not reachable (${result.why}); ` +
          'file changes are paused until it is back. Wait and retry, or ask the user.',
      );
  }
}

export function readStdin(limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep one byte past the limit so the size check above still sees an oversized payload.
      if (size <= limit + chunk.length) chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

export async function hookMain(eventArg: string): Promise<never> {
  const outcome = await runHook(eventArg, await readStdin(MAX_HOOK_PAYLOAD_BYTES), process.env);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exit(outcome.exitCode);
}
