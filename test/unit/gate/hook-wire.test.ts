/** The hook wire's framing, the core's answers to it, and the constants the C client shares with the core. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerHookRequest, type HookRequest } from '../../../src/core/gate/hook-answer';
import { buildHookArgs, CODEX_HOOK_TIMEOUT_SECONDS, GATED_TOOLS_MATCHER, HOOK_CLIENT_DEADLINE_MS } from '../../../src/core/gate/hook-args';
import { decodeHookReply, encodeHookReply, encodeHookRequest, parseHookHeader } from '../../../src/core/gate/hook-wire';
import { MAX_HOOK_PAYLOAD_BYTES } from '../../../src/shared/control';

const TOKEN = '0f'.repeat(16);
const C_SOURCE = fs.readFileSync(path.resolve(__dirname, '../../../src/core/gate/hook-client/hook-client.c'), 'utf8');
const cDefine = (name: string): number => Number(new RegExp(`#define ${name} (\\d+)`).exec(C_SOURCE)?.[1]);

describe('hook wire framing', () => {
  it('round-trips a request header and carries the payload bytes after it', () => {
    const payload = Buffer.from('{"tool_name":"Bash","x":"é"}');
    const request = encodeHookRequest({ agentId: 'a-1', token: TOKEN, event: 'codex-pre-tool-use' }, payload);
    const newline = request.indexOf(0x0a);
    expect(parseHookHeader(request.subarray(0, newline).toString())).toEqual({ agentId: 'a-1', token: TOKEN, event: 'codex-pre-tool-use', payloadBytes: payload.length });
    expect(request.subarray(newline + 1)).toEqual(payload);
  });

  it('rejects malformed headers and payloads over the limit', () => {
    for (const line of ['HOOK1 a t e', 'HOOK2 a t e 1', 'HOOK1 a t e -1', 'HOOK1 a  e 1', 'HOOK1 a t e 1 x', `HOOK1 a t e ${MAX_HOOK_PAYLOAD_BYTES + 1}`, '{"id":1}']) {
      expect(parseHookHeader(line), line).toBeNull();
    }
  });

  it('round-trips a reply, and refuses to decode an incomplete or malformed one', () => {
    const outcome = { exitCode: 2 as const, stdout: 'out ✓', stderr: 'no: a.txt is locked\n' };
    const reply = encodeHookReply(outcome);
    expect(decodeHookReply(reply)).toEqual(outcome);
    expect(decodeHookReply(reply.subarray(0, reply.length - 1))).toBeNull();
    expect(decodeHookReply(Buffer.from('HOOK1 1 0 0\n'))).toBeNull();
  });

  it('shares its limits with the C client', () => {
    expect(cDefine('MAX_PAYLOAD_BYTES')).toBe(MAX_HOOK_PAYLOAD_BYTES);
    expect(cDefine('DEFAULT_DEADLINE_MS')).toBe(HOOK_CLIENT_DEADLINE_MS);
  });
});

describe('answerHookRequest', () => {
  const header = (event: string, payloadBytes = 0) => ({ agentId: 'a-1', token: TOKEN, event, payloadBytes });
  const body = Buffer.from(JSON.stringify({ tool_input: { command: 'echo > a' } }));

  it('hands the handler the event and payload, and turns a refusal into exit 2 with the reason', () => {
    const seen: HookRequest[] = [];
    const outcome = answerHookRequest(header('codex-pre-tool-use'), body, (request) => {
      seen.push(request);
      return { decision: 'deny', reason: 'a is locked.' };
    });
    expect(seen).toEqual([{ agentId: 'a-1', token: TOKEN, event: 'PreToolUse', payload: { tool_input: { command: 'echo > a' } } }]);
    expect(outcome).toEqual({ exitCode: 2, stdout: '', stderr: 'a is locked.\n' });
  });

  it('refuses a write when the handler throws (a token that does not match), lets other events go on', () => {
    const reject = (): never => {
      throw new Error('this hook is not from the current run of agent "a-1".');
    };
    expect(answerHookRequest(header('codex-pre-tool-use'), body, reject)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'Switchyard refused this call: this hook is not from the current run of agent "a-1".\n',
    });
    expect(answerHookRequest(header('codex-stop'), body, reject)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('refuses a write whose payload is not a JSON object, and one nobody checks', () => {
    expect(answerHookRequest(header('codex-pre-tool-use'), Buffer.from('[1]'), () => ({ decision: 'allow' })).exitCode).toBe(2);
    expect(answerHookRequest(header('codex-pre-tool-use'), body, null).exitCode).toBe(2);
    expect(answerHookRequest(header('codex-user-prompt-submit'), Buffer.from('nope'), null).exitCode).toBe(0);
  });
});

describe('buildHookArgs', () => {
  const args = buildHookArgs(['/app/out/hook-client/switchyard-hook']);
  const overrides = args.filter((_, i) => args[i - 1] === '-c');

  it('registers only the events the product needs, the gate only for tools that write', () => {
    expect(overrides.map((o) => o.split('=')[0])).toEqual(['hooks.SessionStart', 'hooks.UserPromptSubmit', 'hooks.PreToolUse', 'hooks.Stop']);
    expect(overrides[2]).toContain(`matcher=${JSON.stringify(GATED_TOOLS_MATCHER)}`);
    // Codex reads a matcher of letters, digits, _ and | as exact names, not as a regex.
    expect(GATED_TOOLS_MATCHER).toMatch(/^[A-Za-z0-9_|]+$/);
    expect(args.at(-1)).toBe('--dangerously-bypass-hook-trust');
  });

  it('runs the client as one plain exec, with a Codex timeout above the client’s own deadline', () => {
    expect(overrides[2]).toContain(`command="/app/out/hook-client/switchyard-hook codex-pre-tool-use", timeout=${CODEX_HOOK_TIMEOUT_SECONDS}`);
    expect(CODEX_HOOK_TIMEOUT_SECONDS * 1000).toBeGreaterThanOrEqual(HOOK_CLIENT_DEADLINE_MS + 10_000);
  });
});
