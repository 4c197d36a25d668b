/**
 * Validates what arrives from the host before the UI trusts it: the wire envelope, each result's
 * output against its command's schema, and each event's payload against its event's schema.
 */
import {
  commands,
  events,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
} from '../../shared/contract';
import { fail, type AppError, type Result } from '../../shared/result';
import { ServerMessageSchema } from '../../shared/wire';

export type ParsedServerMessage =
  | { type: 'result'; id: number; raw: unknown }
  | { type: 'event'; name: EventName; payload: EventPayload<EventName> }
  | { type: 'invalid'; reason: string };

export function parseServerMessage(text: string): ParsedServerMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'invalid', reason: 'a message that is not JSON' };
  }
  const envelope = ServerMessageSchema.safeParse(json);
  if (!envelope.success) return { type: 'invalid', reason: 'a message of unknown shape' };
  const message = envelope.data;
  if (message.type === 'result') return { type: 'result', id: message.id, raw: message.result };
  if (!isEventName(message.name)) return { type: 'invalid', reason: `an unknown event "${message.name}"` };
  const payload = events[message.name].safeParse(message.payload);
  if (!payload.success) return { type: 'invalid', reason: `a malformed "${message.name}" event` };
  return { type: 'event', name: message.name, payload: payload.data };
}

/** Turns the raw `result` field of a result message into a typed Result for command `name`. */
export function parseResult<K extends CommandName>(name: K, raw: unknown): Result<CommandOutput<K>> {
  if (!isObject(raw) || typeof raw.ok !== 'boolean') {
    return fail('internal', `The host sent a malformed answer to ${name}.`);
  }
  if (!raw.ok) return { ok: false, error: toAppError(raw.error) };
  const output = commands[name].output.safeParse(raw.value);
  if (!output.success) return fail('internal', `The host sent an unexpected answer to ${name}.`);
  // The schema for command K produced this value, so it is CommandOutput<K>; TypeScript cannot
  // follow the lookup through the generic index.
  return { ok: true, value: output.data as CommandOutput<K> };
}

function toAppError(error: unknown): AppError {
  if (isObject(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return { code: error.code as AppError['code'], message: error.message };
  }
  return { code: 'internal', message: 'The host reported an error without a message.' };
}

function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
