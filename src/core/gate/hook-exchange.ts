/**
 * One hook request over the control socket, from Node (the fallback hook client, and tests):
 * the same three outcomes the native client tells apart. "Unreachable" (no socket, nobody
 * listening, the connection dropped) is known at once; "busy" means connected but no answer
 * before the deadline.
 */
import net from 'node:net';
import { decodeHookReply, type HookOutcome } from './hook-wire';

export type HookExchange = { kind: 'reply'; outcome: HookOutcome } | { kind: 'unreachable'; why: string } | { kind: 'busy' };

export function exchangeHookRequest(socketPath: string, request: Buffer, deadlineMs: number): Promise<HookExchange> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (result: HookExchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ kind: 'busy' }), deadlineMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const outcome = decodeHookReply(Buffer.concat(chunks));
      settle(outcome ? { kind: 'reply', outcome } : { kind: 'unreachable', why: 'it closed the connection without a valid answer' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'unreachable', why: error.code ?? error.message }));
  });
}
