/** Sends one request over the control socket and waits for its answer. */
import net from 'node:net';
import type { Result } from '../../shared/result';

export async function controlRequest(
  socketPath: string,
  name: string,
  input: unknown,
  timeoutMs: number,
): Promise<Result<unknown>> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buffered = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ id: 1, name, input })}\n`));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve((JSON.parse(buffered.slice(0, newline)) as { result: Result<unknown> }).result);
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
