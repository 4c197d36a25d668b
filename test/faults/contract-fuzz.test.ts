/**
 * Hostile input for every command of the contract (iterated from `commands`, so new commands are
 * fuzzed without touching this file), sent to a real `switchyard serve` over its WebSocket and
 * over its control socket: wrong types, missing and extra fields, huge strings, deep nesting,
 * prototype-pollution keys, unknown command names, non-JSON, binary and oversized frames, and
 * bad handshakes. Proves: every answer is a typed Result (a valid output, or an error with a
 * known code and no stack), input the schema refuses is refused as `invalid-input`, nothing
 * waits forever, the host never crashes, and a valid `repo.get` still answers at the end.
 *
 * Counts: SWITCHYARD_FUZZ_RUNS inputs per command per transport (default SWITCHYARD_FAULT_RUNS:
 * 8 in `npm test`, 100 in `npm run test:faults`); SWITCHYARD_FUZZ_SEED replays a run.
 * No shrinking: a bad answer is recorded with its input and the run goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type CommandName } from '../../src/shared/contract';
import type { ErrorCode } from '../../src/shared/result';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectControl, connectWs, controlSocketOf, withTimeout, type HostControlClient, type HostWsClient } from '../harness/host-clients';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';
import { FAULT_RUNS, faultCounts, printCounts } from './fault-report';

const FUZZ_RUNS = Number(process.env.SWITCHYARD_FUZZ_RUNS ?? FAULT_RUNS);
const SEED = process.env.SWITCHYARD_FUZZ_SEED ? Number(process.env.SWITCHYARD_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

const ERROR_CODES: readonly ErrorCode[] = [
  'invalid-input',
  'unknown-command',
  'not-found',
  'codex-not-found',
  'not-a-repository',
  'spawn-failed',
  'no-repository',
  'unavailable',
  'internal',
];
/** What a stack trace or a source location looks like in a message. */
const STACK_LEAK = /\n\s*at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)|node:internal|\.(?:js|ts|mjs|cjs):\d+:\d+/;
const COMMAND_NAMES = Object.keys(commands) as CommandName[];

/**
 * Valid forms of these would change what the rest of the run tests (open another folder, start
 * Codex processes, stop everything, commit and run the test command): a generated input the
 * schema accepts is withheld, and
 * `agents.stopAll` is sent once, valid, at the very end.
 */
const WITHHELD_WHEN_VALID = new Set<string>(['repo.open', 'agents.launch', 'agents.stopAll', 'commit.run']);

// ---- JSON text with the shapes JSON.stringify cannot express (own __proto__ keys, any depth) ----

class Obj {
  constructor(readonly entries: Array<[string, J]>) {}
}
class Raw {
  constructor(readonly text: string) {}
}
type J = null | boolean | number | string | J[] | Obj | Raw;

function toText(value: J): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Obj) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toText).join(',')}]`;
  return JSON.stringify(value);
}

function fromPlain(value: unknown): J {
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value !== null && typeof value === 'object') return new Obj(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  return value as J;
}

const deep = (depth: number, open: string, close: string, leaf = '1'): Raw => new Raw(open.repeat(depth) + leaf + close.repeat(depth));
const pollution = new Obj([
  ['__proto__', new Obj([['polluted', true], ['toString', 'x']])],
  ['constructor', new Obj([['prototype', new Obj([['polluted', true]])]])],
  ['prototype', new Obj([['isAdmin', true]])],
]);

function valueArb(agentId: () => string): fc.Arbitrary<J> {
  const strings = fc.oneof(
    fc.string({ maxLength: 40 }),
    // Unicode that trips encoders (lone surrogates, BOM, NUL, bidi overrides). fast-check's
    // full-Unicode string unit is left out: its first use costs tens of seconds on a busy machine.
    fc.constantFrom('\ud800', 'a\udfffb', '\ufeff', '\u0000', '\u202e', 'é', 'e\u0301', '\u{1f4a5}', '\uffff'),
    fc.constantFrom(
      '',
      ' ',
      'README.md',
      'src/',
      '*',
      '**/*',
      '{a,b}/**',
      '[',
      '.',
      '..',
      '../../../etc/passwd',
      '/etc/passwd',
      '.git/config',
      '.agents/orchestrator.json',
      'agent-does-not-exist',
      'a\u0000b',
      '\u202etxt.exe',
      'line\nbreak',
      '💥'.repeat(50),
      'UPPER-Case',
      'x'.repeat(5_000),
    ),
    fc.constant(null).map(() => agentId()),
  );
  const numbers = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -1, 1, 2, 80, 1.5, 1e308, -1e308, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 100_000_001),
  );
  const huge = fc.constantFrom(new Raw(JSON.stringify('h'.repeat(1_100_000))), new Raw(`[${Array(600).fill('"p"').join(',')}]`));
  const nested = fc.constantFrom(deep(2_000, '[', ']'), deep(2_000, '{"a":', '}'));
  const scalar: fc.Arbitrary<J> = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));
  return fc.oneof(
    { weight: 16, arbitrary: scalar },
    { weight: 5, arbitrary: fc.array(strings, { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(fromPlain) },
    { weight: 1, arbitrary: fc.constant(pollution) },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: nested },
  );
}

/** The parts of a JSON Schema (as zod prints one) the typed generator reads. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

/**
 * Values of the right types and ranges for a command's input, read from its zod schema (as JSON
 * Schema), so many inputs pass validation and reach the handlers; new commands get this for free.
 */
function typedArb(schema: JsonSchema, strings: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<J> {
  if (depth > 4) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...(schema.enum as J[]));
  if (schema.const !== undefined) return fc.constant(schema.const as J);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => typedArb(a, strings, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return strings;
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = Math.min(schema.maximum ?? 1000, Math.max(min, 100_000));
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 50) }), fc.constantFrom(min, max));
    }
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 0.001 : -1000);
      const max = Math.max(min, Math.min(schema.maximum ?? 1000, 100_000));
      return fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? typedArb(schema.items, strings, depth + 1) : fc.constant(null), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        return typeof schema.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map(fromPlain)
          : fc.constant(new Obj([]));
      }
      const required = new Set(schema.required ?? []);
      return fc
        .tuple(...keys.map((k) => fc.option(typedArb(properties[k]!, strings, depth + 1), { nil: undefined, freq: required.has(k) ? 20 : 2 })))
        .map((values) => new Obj(keys.flatMap((k, i): Array<[string, J]> => (values[i] === undefined ? [] : [[k, values[i]!]]))));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 }).map(fromPlain);
  }
}

function jsonSchemaOf(name: CommandName): JsonSchema | null {
  try {
    return z.toJSONSchema(commands[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

function shapeKeys(name: CommandName): string[] {
  const schema = commands[name].input as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

/** An input for `name`: usually shaped like its schema (some fields, wrong or right types, extras). */
function inputArb(name: CommandName, agentId: () => string): fc.Arbitrary<J> {
  const keys = shapeKeys(name);
  const value = valueArb(agentId);
  const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'extra'), fc.string({ maxLength: 10 }));
  const shaped = fc
    .tuple(fc.subarray(keys), fc.array(value, { minLength: keys.length, maxLength: keys.length }), fc.array(fc.tuple(extraKey, value), { maxLength: 2 }))
    .map(([present, values, extras]) => new Obj([...present.map((k): [string, J] => [k, values[keys.indexOf(k)]!]), ...extras]));
  const schema = jsonSchemaOf(name);
  const plausibleStrings = fc.oneof(
    fc.constantFrom('README.md', 'src/a.ts', 'src/', 'src/**', 'new.txt', '*.md', 'agent-does-not-exist', 'x'),
    fc.constant(null).map(() => agentId()),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  return fc.oneof(
    { weight: 5, arbitrary: shaped },
    { weight: schema ? 4 : 0, arbitrary: schema ? typedArb(schema, plausibleStrings) : fc.constant(null) },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(pollution) },
  );
}

// ---- Answers ----

interface Verdict {
  ok: boolean;
  code?: string;
}

/** What is wrong with `result` as the answer to `name` with `input` (null: nothing). */
function judge(name: unknown, input: string, result: unknown): { problem: string | null; verdict: Verdict } {
  const r = result as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return { problem: `not a Result: ${JSON.stringify(result)?.slice(0, 200)}`, verdict: { ok: false } };
  const known = typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
  let expectedValid: boolean | null = null;
  if (known) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      parsed = undefined;
    }
    expectedValid = commands[name as CommandName].input.safeParse(parsed ?? {}).success;
  }
  if (r.ok) {
    if (!known) return { problem: `unknown command ${JSON.stringify(name)} succeeded`, verdict: { ok: true } };
    if (!expectedValid) return { problem: 'input the schema refuses was accepted', verdict: { ok: true } };
    const output = commands[name as CommandName].output.safeParse(r.value);
    if (!output.success) return { problem: `value does not match the output schema: ${output.error.message.slice(0, 200)}`, verdict: { ok: true } };
    return { problem: null, verdict: { ok: true } };
  }
  const error = r.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return { problem: `error is not {code, message}: ${JSON.stringify(r).slice(0, 200)}`, verdict: { ok: false } };
  }
  const verdict = { ok: false, code: error.code };
  if (!ERROR_CODES.includes(error.code as ErrorCode)) return { problem: `unknown error code ${error.code}`, verdict };
  if (STACK_LEAK.test(error.message)) return { problem: `message leaks a stack or source location: ${error.message.slice(0, 300)}`, verdict };
  if (!known && error.code !== 'unknown-command') return { problem: `unknown command answered ${error.code}`, verdict };
  if (known && expectedValid === false && error.code !== 'invalid-input') return { problem: `invalid input answered ${error.code}: ${error.message.slice(0, 200)}`, verdict };
  // A schema-valid input must fail on purpose (a SwitchyardError), not by an exception escaping a handler.
  if (known && expectedValid && error.code === 'internal') return { problem: `internal error: ${error.message.slice(0, 300)}`, verdict };
  return { problem: null, verdict };
}

/** The input to send, or null to withhold it; a valid waiting claim is turned into a non-waiting one. */
function prepare(name: CommandName, text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const valid = commands[name].input.safeParse(parsed ?? {});
  if (!valid.success) return text;
  if (WITHHELD_WHEN_VALID.has(name)) return null;
  if (name === 'settings.set' && typeof parsed === 'object' && parsed !== null && ('testCommand' in parsed || 'codexPath' in parsed)) {
    // A random string as the repository's test command (or Codex binary) is a random program to run: never set one.
    const patch: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
    delete patch.testCommand;
    delete patch.codexPath;
    return JSON.stringify(patch);
  }
  if (name === 'locks.claim') {
    // A valid waiting claim legitimately waits (up to a day): never ask for one here.
    const claim: Record<string, unknown> = { ...(parsed as Record<string, unknown>), wait: false };
    delete claim.timeoutMs;
    return JSON.stringify(claim);
  }
  return text;
}

interface Transport {
  name: 'websocket' | 'control';
  /** Sends one invoke with this name (any JSON value) and input (JSON text); resolves with the result. */
  invoke(nameText: string, inputText: string): Promise<unknown>;
  /** Sends a frame that has no well-formed request; resolves with what came back (null: nothing). */
  garbage(frame: string | Buffer, binary: boolean): Promise<unknown>;
  /** A valid repo.get answers. */
  alive(): Promise<boolean>;
  close(): void;
}

/** The host's typed refusal of a frame it could not read but whose id it could. */
function isRefusalOfGarbage(message: unknown): boolean {
  const m = message as { type?: unknown; result?: { ok?: unknown; error?: { code?: unknown } } } | null;
  return m?.type === 'result' && m.result?.ok === false && m.result.error?.code === 'invalid-input';
}

describe('hostile input on every command, over the WebSocket and the control socket', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let serve: ServeProcess;
  let stderr = '';
  let agentId = 'agent-not-launched';
  const failures: string[] = [];
  const tried = { websocket: 0, control: 0, withheld: 0, handshakes: 0 };
  const answered = { ok: 0, errors: new Map<string, number>() };
  /** Milliseconds each command's fuzzing took per transport, for the slowest-commands line. */
  const spent = new Map<string, number>();
  /** Requests that took over a second. */
  const slow: string[] = [];
  /** Contract commands the running host answered `unknown-command` for. */
  const hostLacks = new Set<string>();

  beforeAll(async () => {
    model = await startModelServer();
    model.script('fuzz-holder', [{ kind: 'message', text: 'holding', delayMs: 600_000 }]);
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    repo.write('src/a.ts', 'export const a = 1;\n');
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    serve.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // One live agent, so ids in the inputs reach real terminals, hooks and claims.
    const ws = await connectWs(serve);
    try {
      const launched = (await ws.invoke('agents.launch', { name: 'fuzz holder', task: 'hold [scenario:fuzz-holder]', claims: ['src/'] })) as {
        ok: boolean;
        value: { id: string };
      };
      expect(launched.ok).toBe(true);
      agentId = launched.value.id;
      await waitFor(async () => {
        const r = (await ws.invoke('agents.list', {})) as { value: { agents: Array<{ id: string; status: string }> } };
        return r.value.agents.some((a) => a.id === agentId && a.status !== 'starting' && a.status !== 'queued');
      }, 'the agent to start', 60_000);
    } finally {
      ws.close();
    }
  });

  /** Fails the current test with the failures it added (each printed), and with the host's own words if it died. */
  let reported = 0;
  const expectNoNewFailures = (): void => {
    const fresh = failures.slice(reported);
    reported = failures.length;
    if (serve.child.exitCode !== null || serve.child.signalCode !== null) {
      fresh.push(`the host exited (code ${serve.child.exitCode}, signal ${serve.child.signalCode}); stderr:\n${stderr.slice(-3000)}`);
    }
    if (fresh.length > 0) console.log(`contract fuzz failures (${fresh.length}):\n${fresh.slice(0, 30).join('\n')}`);
    expect(fresh).toEqual([]);
  };

  afterAll(async () => {
    const errors = [...answered.errors].map(([code, n]) => `${code}=${n}`).join(' ');
    console.log(
      `contract fuzz (seed ${SEED}, ${FUZZ_RUNS} per command per transport): websocket=${tried.websocket} control=${tried.control} ` +
        `handshakes=${tried.handshakes} withheld-valid-destructive=${tried.withheld} ok=${answered.ok} errors: ${errors} failures=${failures.length}`,
    );
    const slowest = [...spent].sort((a, b) => b[1] - a[1]).slice(0, 5);
    if (slow.length > 0) console.log(`requests over 1 s (${slow.length}):\n${slow.slice(0, 10).join('\n')}`);
    console.log(`slowest: ${slowest.map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`);
    printCounts('contract-fuzz');
    if (serve && (serve.child.exitCode !== null || serve.child.signalCode !== null)) {
      console.log(`the host exited (code ${serve.child.exitCode}, signal ${serve.child.signalCode}); stderr:\n${stderr.slice(-3000)}`);
    }
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  const record = (transport: string, what: string, name: unknown, input: string, result: unknown): void => {
    const { problem, verdict } = judge(name, input, result);
    if (verdict.ok) answered.ok++;
    else if (verdict.code) answered.errors.set(verdict.code, (answered.errors.get(verdict.code) ?? 0) + 1);
    if (problem) {
      faultCounts.failures++;
      failures.push(`[${transport}] ${what} ${JSON.stringify(name)?.slice(0, 60)} input=${input.slice(0, 200)}: ${problem}`);
    }
  };

  async function websocketTransport(): Promise<Transport> {
    let client: HostWsClient = await connectWs(serve);
    const reconnect = async (): Promise<HostWsClient> => {
      if (client.closed || client.ws.readyState !== client.ws.OPEN) client = await connectWs(serve);
      return client;
    };
    const probe = async (): Promise<boolean> => {
      const c = await reconnect();
      const r = (await c.invoke('repo.get', {}, 15_000)) as { ok?: boolean; value?: { repo?: string } };
      return r.ok === true && r.value?.repo === repo.dir;
    };
    return {
      name: 'websocket',
      invoke: async (nameText, inputText) => {
        const c = await reconnect();
        return c.invokeRaw((id) => `{"type":"invoke","id":${id},"name":${nameText},"input":${inputText}}`);
      },
      garbage: async (frame, binary) => {
        const c = await reconnect();
        c.sendRaw(frame, binary);
        // The host drops what it cannot read; what matters is that it still answers.
        return null;
      },
      alive: probe,
      close: () => {
        // A garbage frame with a readable id (say `{"type":"invoke","id":3,"name":42}`) is answered
        // with a typed refusal for that id, which this client never asked for: expected, not a stray.
        const strays = client.strays.filter((m) => !isRefusalOfGarbage(m));
        if (strays.length > 0) failures.push(`[websocket] messages that are neither results nor events: ${JSON.stringify(strays).slice(0, 300)}`);
        client.close();
      },
    };
  }

  async function controlTransport(): Promise<Transport> {
    const socketPath = controlSocketOf(repo.dir, serve);
    let client: HostControlClient = await connectControl(socketPath);
    let nextId = 5_000;
    const reconnect = async (): Promise<HostControlClient> => {
      if (client.closed) client = await connectControl(socketPath);
      return client;
    };
    return {
      name: 'control',
      invoke: async (nameText, inputText) => {
        const c = await reconnect();
        const id = nextId++;
        const answer = await c.request(`{"id":${id},"name":${nameText},"input":${inputText}}`);
        if (answer.id !== id) throw new Error(`answered id ${answer.id} for request ${id}`);
        return answer.result;
      },
      garbage: async (frame) => {
        const c = await reconnect();
        const answer = await c.request(frame);
        return answer.result;
      },
      alive: async () => {
        const c = await reconnect();
        const answer = await c.request(JSON.stringify({ id: 1, name: 'repo.get', input: {} }));
        const r = answer.result as { ok?: boolean; value?: { repo?: string } };
        return r.ok === true && r.value?.repo === repo.dir;
      },
      close: () => client.close(),
    };
  }

  async function fuzzCommands(transport: Transport): Promise<void> {
    for (const name of COMMAND_NAMES) {
      // A contract command the running host does not know (out/ built from older sources) is one failure, not hundreds.
      const probe = (await transport.invoke(JSON.stringify(name), '"probe"')) as { error?: { code?: string } };
      if (probe.error?.code === 'unknown-command') {
        faultCounts.failures++;
        failures.push(`[${transport.name}] the host does not know ${name}, which the contract lists (is out/ older than src/? run npm run build)`);
        hostLacks.add(name);
        continue;
      }
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(inputArb(name, () => agentId), async (input) => {
          const text = prepare(name, toText(input));
          if (text === null) {
            tried.withheld++;
            return;
          }
          tried[transport.name]++;
          faultCounts.inputsTried++;
          try {
            const t0 = Date.now();
            const result = await transport.invoke(JSON.stringify(name), text);
            if (Date.now() - t0 > 1_000) slow.push(`${transport.name} ${name} ${Date.now() - t0} ms input=${text.slice(0, 80)}`);
            record(transport.name, 'command', name, text, result);
          } catch (error) {
            faultCounts.failures++;
            failures.push(`[${transport.name}] ${name} input=${text.slice(0, 200)}: ${(error as Error).message}`);
          }
        }),
        { numRuns: FUZZ_RUNS, seed: SEED, endOnFailure: true },
      );
      spent.set(`${transport.name} ${name}`, Date.now() - started);
    }
  }

  async function fuzzFrames(transport: Transport): Promise<void> {
    const hostileNames = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'REPO.GET', 'repo.get ', 'agents.changed', 'notification', ''),
    );
    // Unknown command names: a typed unknown-command error with the request's id.
    await fc.assert(
      fc.asyncProperty(hostileNames, async (name) => {
        if (Object.prototype.hasOwnProperty.call(commands, name)) return;
        tried[transport.name]++;
        faultCounts.inputsTried++;
        try {
          record(transport.name, 'unknown name', name, '{}', await transport.invoke(JSON.stringify(name), '{}'));
        } catch (error) {
          faultCounts.failures++;
          failures.push(`[${transport.name}] name ${JSON.stringify(name)}: ${(error as Error).message}`);
        }
      }),
      { numRuns: FUZZ_RUNS, seed: SEED, endOnFailure: true },
    );
    // Frames that are not a request: non-JSON, binary, JSON of the wrong shape, bad ids and names.
    const noNewline = (s: string): string => s.replace(/[\n\r]/g, ' ');
    const frames = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => ({ frame: noNewline(`{${s}`), binary: false })),
      fc.uint8Array({ maxLength: 300 }).map((b) => ({ frame: Buffer.from(b.filter((x) => x !== 10 && x !== 13)), binary: true })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({ frame: noNewline(JSON.stringify(v) ?? 'null'), binary: false })),
      fc
        .constantFrom('-1', '1.5', '"7"', 'null', '1e400', '[]', '{}')
        .map((id) => ({ frame: `{"type":"invoke","id":${id},"id2":0,"name":"repo.get","input":{}}`, binary: false })),
      fc.constantFrom(
        { frame: '{"type":"invoke","name":"repo.get","input":{}}', binary: false },
        { frame: '{"type":"invoke","id":3,"name":42,"input":{}}', binary: false },
        { frame: '{"type":"result","id":3,"result":{"ok":true}}', binary: false },
        { frame: '{"__proto__":{"type":"invoke"},"id":3,"name":"repo.get"}', binary: false },
        { frame: toText(deep(50_000, '[', ']')), binary: false },
        { frame: '', binary: false },
        { frame: '\u0000\u0001\u0002', binary: false },
      ),
    );
    await fc.assert(
      fc.asyncProperty(frames, async ({ frame, binary }) => {
        tried[transport.name]++;
        faultCounts.inputsTried++;
        try {
          const result = await transport.garbage(frame, binary);
          if (result !== null) {
            const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
            // Only a well-formed request (a binary frame can hold one) may succeed.
            if (r.ok !== false && r.ok !== true) throw new Error(`not a Result: ${JSON.stringify(result).slice(0, 200)}`);
            if (r.ok === false && (typeof r.error?.code !== 'string' || typeof r.error.message !== 'string' || STACK_LEAK.test(r.error.message))) {
              throw new Error(`bad error: ${JSON.stringify(result).slice(0, 300)}`);
            }
          }
        } catch (error) {
          faultCounts.failures++;
          failures.push(`[${transport.name}] frame ${String(frame).slice(0, 80)}: ${(error as Error).message}`);
        }
      }),
      { numRuns: FUZZ_RUNS, seed: SEED, endOnFailure: true },
    );
  }

  /** Many requests at once without waiting for each: all answered, each under its own id. */
  async function burst(transport: Transport): Promise<void> {
    if (transport.name !== 'websocket') return; // The control socket is one request at a time per connection.
    const sends: Array<Promise<void>> = [];
    const known = COMMAND_NAMES.filter((n) => !hostLacks.has(n));
    for (let i = 0; i < 300; i++) {
      const name = known[i % known.length]!;
      const input = i % 2 === 0 ? '{"bogus":true}' : '"not an object"';
      tried.websocket++;
      faultCounts.inputsTried++;
      sends.push(
        transport.invoke(JSON.stringify(name), input).then(
          (result) => record('websocket', 'burst', name, input, result),
          (error: Error) => {
            faultCounts.failures++;
            failures.push(`[websocket] burst ${name}: ${error.message}`);
          },
        ),
      );
    }
    await withTimeout(Promise.all(sends), 60_000, 'the burst');
  }

  it('answers every hostile request on the WebSocket with a typed Result and stays up', async () => {
    const transport = await websocketTransport();
    try {
      await fuzzCommands(transport);
      await fuzzFrames(transport);
      await burst(transport);
      expect(await transport.alive()).toBe(true);
    } finally {
      transport.close();
    }
    expectNoNewFailures();
  });

  it('answers every hostile request on the control socket with a typed Result and stays up', async () => {
    const transport = await controlTransport();
    try {
      await fuzzCommands(transport);
      await fuzzFrames(transport);
      expect(await transport.alive()).toBe(true);
    } finally {
      transport.close();
    }
    expectNoNewFailures();
  });

  it('refuses oversized frames without going down', async () => {
    // WebSocket: past maxPayload (8 MiB) the host closes that connection; others live on.
    const ws = await connectWs(serve);
    const bystander = await connectWs(serve);
    tried.websocket++;
    faultCounts.inputsTried++;
    ws.sendRaw(`{"type":"invoke","id":1,"name":"repo.get","input":${JSON.stringify('o'.repeat(9 * 1024 * 1024))}}`);
    await waitFor(() => ws.closed, 'the host to close the oversized connection', 15_000);
    const still = (await bystander.invoke('repo.get', {})) as { ok: boolean };
    expect(still.ok).toBe(true);
    bystander.close();

    // Under the frame limit but over the field's: parsed, and refused by the schema (terminal.input data is at most 1e6 chars).
    const big = await connectWs(serve);
    tried.websocket++;
    faultCounts.inputsTried++;
    const input = JSON.stringify({ id: agentId, data: 'd'.repeat(1_500_000) });
    record('websocket', 'large', 'terminal.input', input, await big.invoke('terminal.input', JSON.parse(input), 30_000));
    big.close();

    // Control socket: a line past 4 MiB gets one typed error and the connection ends.
    const control = await connectControl(controlSocketOf(repo.dir, serve));
    tried.control++;
    faultCounts.inputsTried++;
    control.write(`{"id":9,"name":"repo.get","input":${JSON.stringify('o'.repeat(5 * 1024 * 1024))}`);
    control.write('}\n');
    await withTimeout(control.ended, 15_000, 'the control socket to end the oversized request');
    control.close();
    const again = await connectControl(controlSocketOf(repo.dir, serve));
    const answer = await again.request(JSON.stringify({ id: 2, name: 'repo.get', input: {} }));
    expect((answer.result as { ok: boolean }).ok).toBe(true);
    again.close();
  });

  it('answers an invoke it cannot read, but whose id it can, with a typed refusal (WebSocket)', async () => {
    const ws = await connectWs(serve);
    try {
      for (const frame of [
        (id: number) => `{"type":"invoke","id":${id},"name":42,"input":{}}`,
        (id: number) => `{"type":"invoke","id":${id},"name":null}`,
        (id: number) => `{"type":"invoke","id":${id},"name":{"__proto__":{"x":1}},"input":{}}`,
      ]) {
        tried.websocket++;
        faultCounts.inputsTried++;
        const answer = (await ws.invokeRaw(frame, 10_000)) as { ok: boolean; error?: { code: string; message: string } };
        expect(answer.ok).toBe(false);
        expect(answer.error?.code).toBe('invalid-input');
        expect(answer.error?.message).not.toMatch(STACK_LEAK);
      }
    } finally {
      ws.close();
    }
    expectNoNewFailures();
  });

  it('refuses bad handshakes: token, Origin, Host, path', async () => {
    const url = new URL(serve.url);
    const cases: Array<{ what: string; options: Parameters<typeof connectWs>[1]; status: string }> = [
      { what: 'wrong token', options: { token: 'x'.repeat(32) }, status: 'HTTP 401' },
      { what: 'empty token', options: { token: '' }, status: 'HTTP 401' },
      { what: 'foreign Origin', options: { origin: 'http://evil.example' }, status: 'HTTP 403' },
      { what: 'Origin on another port', options: { origin: `http://127.0.0.1:${Number(url.port) + 1}` }, status: 'HTTP 403' },
      { what: 'rebinding Host', options: { host: `evil.example:${url.port}` }, status: 'HTTP 421' },
    ];
    for (const c of cases) {
      tried.handshakes++;
      faultCounts.inputsTried++;
      await expect(connectWs(serve, c.options), c.what).rejects.toThrow(c.status);
    }
  });

  it('runs the destructive command last, then still answers repo.get on both transports', async () => {
    const ws = await connectWs(serve);
    try {
      const stopAll = (await ws.invoke('agents.stopAll', { force: true }, 60_000)) as { ok: boolean };
      record('websocket', 'last', 'agents.stopAll', '{"force":true}', stopAll);
      expect(stopAll.ok).toBe(true);
      const repoGet = (await ws.invoke('repo.get', {})) as { ok: boolean; value: { repo: string } };
      expect(repoGet).toEqual({ ok: true, value: { repo: repo.dir } });
    } finally {
      ws.close();
    }
    const control = await connectControl(controlSocketOf(repo.dir, serve));
    try {
      const answer = await control.request(JSON.stringify({ id: 77, name: 'repo.get', input: {} }));
      expect(answer).toEqual({ id: 77, result: { ok: true, value: { repo: repo.dir } } });
    } finally {
      control.close();
    }
    // The host never went down, printed no crash, and its registry still parses.
    expect(serve.child.exitCode).toBeNull();
    expect(serve.child.signalCode).toBeNull();
    expect(stderr).not.toMatch(/uncaught|unhandled|\n\s+at\s/i);
    expect(() => JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8')) as unknown).not.toThrow();
    faultCounts.runs++;
    expectNoNewFailures();
  });
});
