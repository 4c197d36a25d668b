/**
 * The per-user local socket through which `switchyard hook`, `switchyard mcp` and the CLI reach
 * the core: a Unix socket in the private runtime directory (mode 0600), or a named pipe on
 * Windows. Newline-delimited JSON, one request per line, answered through the same router.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ControlRequestSchema, type ControlResponse } from '../../shared/control';
import { fail } from '../../shared/result';
import type { Router } from '../command-handlers';
import { runtimeDir } from '../instances/instance-registry';

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

export async function startControlServer(router: Router, socketPath: string): Promise<ControlServer> {
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
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_LINE_BYTES) {
        socket.end(`${JSON.stringify({ id: -1, result: fail('invalid-input', 'Request too large.') })}\n`);
        return;
      }
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        void answer(line).then((response) => {
          if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
        });
      }
    });
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
