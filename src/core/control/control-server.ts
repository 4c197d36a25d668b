/**
 * The per-user local socket through which the hook client, `switchyard mcp` and the CLI reach
 * the core: a Unix socket in the private runtime directory (mode 0600), or a named pipe on
 * Windows. Two protocols, told apart by a connection's first bytes:
 *   - newline-delimited JSON, one request per line, answered through the router (CLI, MCP);
 *   - a hook request, `HOOK1 …` (gate/hook-wire.ts): one request per connection, answered
 *     synchronously by the hook handler the moment its payload is complete, ahead of any other
 *     work, because an agent's tool call waits on it.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ControlRequestSchema, type ControlResponse } from '../../shared/control';
import { fail } from '../../shared/result';
import type { Router } from '../command-handlers';
import { runtimeDir } from '../instances/instance-registry';
import { answerHookRequest, type HookHandler } from '../gate/hook-answer';
import { encodeHookReply, HOOK_WIRE_MAGIC, MAX_HOOK_HEADER_BYTES, parseHookHeader } from '../gate/hook-wire';

/** A line longer than this is refused: hook payloads are bounded well below it. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

export function controlSocketPath(env: NodeJS.ProcessEnv = process.env, pid = process.pid): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\switchyard-${process.env.USERNAME ?? 'user'}-${pid}`;
  return path.join(runtimeDir(env), 'control', `${pid}.sock`);
}

export interface ControlServer {
  readonly path: string;
  close(): Promise<void>;
}

export interface ControlServerOptions {
  /** Answers hook requests; without it they are refused (PreToolUse) or ignored. */
  hooks?: HookHandler;
}

const MAGIC = Buffer.from(HOOK_WIRE_MAGIC, 'latin1');

export async function startControlServer(router: Router, socketPath: string, options: ControlServerOptions = {}): Promise<ControlServer> {
  if (process.platform !== 'win32') {
    fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
    fs.chmodSync(path.dirname(socketPath), 0o700);
    fs.rmSync(socketPath, { force: true });
  }
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered: Buffer = Buffer.alloc(0);
    /** Decided by the first bytes: a hook request (answered once), or JSON lines. */
    let mode: 'unknown' | 'json' | 'hook' | 'answered' = 'unknown';
    socket.on('data', (chunk: Buffer) => {
      if (mode === 'answered') return;
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (mode === 'unknown') {
        const seen = Math.min(buffered.length, MAGIC.length);
        if (!buffered.subarray(0, seen).equals(MAGIC.subarray(0, seen))) mode = 'json';
        else if (seen === MAGIC.length) mode = 'hook';
        else return;
      }
      if (mode === 'hook') {
        answerHook();
        return;
      }
      if (buffered.length > MAX_LINE_BYTES) {
        socket.end(`${JSON.stringify({ id: -1, result: fail('invalid-input', 'Request too large.') })}\n`);
        return;
      }
      let newline: number;
      while ((newline = buffered.indexOf(0x0a)) >= 0) {
        const line = buffered.subarray(0, newline).toString('utf8');
        buffered = buffered.subarray(newline + 1);
        void answer(line).then((response) => {
          if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
        });
      }
    });

    /** Waits for the header and the whole payload, then answers at once and closes. */
    const answerHook = (): void => {
      const newline = buffered.indexOf(0x0a);
      if (newline < 0) {
        if (buffered.length > MAX_HOOK_HEADER_BYTES) socket.destroy();
        return;
      }
      const header = parseHookHeader(buffered.subarray(0, newline).toString('utf8'));
      // Malformed: no answer at all; the client fails closed (PreToolUse) or carries on.
      if (!header) return void socket.destroy();
      const payload = buffered.subarray(newline + 1);
      if (payload.length < header.payloadBytes) return;
      mode = 'answered';
      buffered = Buffer.alloc(0);
      socket.end(encodeHookReply(answerHookRequest(header, payload.subarray(0, header.payloadBytes), options.hooks ?? null)));
    };
  });

  const answer = async (line: string): Promise<ControlResponse> => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { id: -1, result: fail('invalid-input', 'A control request must be one line of JSON.') };
    }
    const request = ControlRequestSchema.safeParse(json);
    if (!request.success) return { id: -1, result: fail('invalid-input', 'A control request needs id, name and input.') };
    return { id: request.data.id, result: await router.handle(request.data.name, request.data.input) };
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  if (process.platform !== 'win32') fs.chmodSync(socketPath, 0o600);

  return {
    path: socketPath,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true });
    },
  };
}
