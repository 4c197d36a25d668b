/**
 * The hook wire: how the hook client Codex runs at each hook event (the native
 * `switchyard-hook`, or the Node fallback `out/main/hook.js`) asks the core over the control
 * socket. Plain enough for a few lines of C, and told apart from the socket's JSON lines by its
 * first bytes:
 *
 *   request  `HOOK1 <agentId> <token> <event-argument> <payload-bytes>\n` + the hook's stdin
 *   reply    `HOOK1 <exit-code> <stdout-bytes> <stderr-bytes>\n` + stdout + stderr, then close
 *
 * Fields are separated by one space and hold no whitespace; the event is spelled as on the
 * command line (`codex-pre-tool-use`); the payload is Codex's JSON, at most
 * MAX_HOOK_PAYLOAD_BYTES. The exit code is 0 (go on; stdout may carry Codex hook JSON) or 2
 * (refuse; stderr is the reason the model reads). The client relays the reply as it is, so what
 * Codex sees is decided here, in one place, for both clients.
 */
import { MAX_HOOK_PAYLOAD_BYTES } from '../../shared/control';

export const HOOK_WIRE_MAGIC = 'HOOK1 ';
/** A header longer than this is not a hook request (ids and tokens are short). */
export const MAX_HOOK_HEADER_BYTES = 512;

export interface HookRequestHeader {
  agentId: string;
  token: string;
  /** As on the command line: `codex-pre-tool-use`. */
  event: string;
  payloadBytes: number;
}

export interface HookOutcome {
  exitCode: 0 | 2;
  stdout: string;
  stderr: string;
}

const FIELD = /^[^\s]{1,128}$/;

/** The header line without its newline; null when it is not a well-formed hook request. */
export function parseHookHeader(line: string): HookRequestHeader | null {
  const parts = line.split(' ');
  if (parts.length !== 5 || `${parts[0]} ` !== HOOK_WIRE_MAGIC) return null;
  const [, agentId, token, event, size] = parts as [string, string, string, string, string];
  if (![agentId, token, event].every((f) => FIELD.test(f)) || !/^\d{1,9}$/.test(size)) return null;
  const payloadBytes = Number(size);
  if (payloadBytes > MAX_HOOK_PAYLOAD_BYTES) return null;
  return { agentId, token, event, payloadBytes };
}

export function encodeHookRequest(header: Omit<HookRequestHeader, 'payloadBytes'>, payload: Buffer): Buffer {
  const line = `${HOOK_WIRE_MAGIC}${header.agentId} ${header.token} ${header.event} ${payload.length}\n`;
  return Buffer.concat([Buffer.from(line, 'utf8'), payload]);
}

export function encodeHookReply(outcome: HookOutcome): Buffer {
  const stdout = Buffer.from(outcome.stdout, 'utf8');
  const stderr = Buffer.from(outcome.stderr, 'utf8');
  return Buffer.concat([Buffer.from(`${HOOK_WIRE_MAGIC}${outcome.exitCode} ${stdout.length} ${stderr.length}\n`), stdout, stderr]);
}

/** A complete reply, or null while it is incomplete or malformed. */
export function decodeHookReply(reply: Buffer): HookOutcome | null {
  const newline = reply.indexOf(0x0a);
  if (newline < 0 || newline > MAX_HOOK_HEADER_BYTES) return null;
  const match = /^HOOK1 ([02]) (\d{1,9}) (\d{1,9})$/.exec(reply.subarray(0, newline).toString('latin1'));
  if (!match) return null;
  const outBytes = Number(match[2]);
  const errBytes = Number(match[3]);
  const body = reply.subarray(newline + 1);
  if (body.length !== outBytes + errBytes) return null;
  return {
    exitCode: match[1] === '2' ? 2 : 0,
    stdout: body.subarray(0, outBytes).toString('utf8'),
    stderr: body.subarray(outBytes).toString('utf8'),
  };
}
