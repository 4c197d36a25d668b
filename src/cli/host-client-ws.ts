/**
 * The CLI's connection over the host's WebSocket, for instance files written before the control
 * socket existed. Loaded only then: `ws` and the wire schemas (zod) cost more to load than a
 * whole request over the control socket.
 */
import WebSocket from 'ws';
import type { CommandOutput } from '../shared/contract';
import type { Result } from '../shared/result';
import { ServerMessageSchema, WS_PATH } from '../shared/wire';
import type { InstanceInfo } from '../core/instances/instance-registry';
import { CliError } from './cli-error';
import type { HostClient } from './host-client-types';

const CONNECT_TIMEOUT_MS = 5_000;

export async function webSocketClient(instance: InstanceInfo): Promise<HostClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${instance.port}${WS_PATH}?token=${instance.token}`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CliError(`Switchyard (pid ${instance.pid}) did not answer.`)), CONNECT_TIMEOUT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(new CliError(`Could not reach Switchyard (pid ${instance.pid}) on port ${instance.port}: ${error.message}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (raw) => {
    const message = ServerMessageSchema.safeParse(JSON.parse(raw.toString()));
    if (message.success && message.data.type === 'result') {
      pending.get(message.data.id)?.(message.data.result as Result<unknown>);
      pending.delete(message.data.id);
    }
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: 'Switchyard closed the connection.' } });
    }
    pending.clear();
  });

  return {
    instance,
    async invoke(name, input) {
      const id = nextId++;
      const result = await new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
      if (!result.ok) throw new CliError(result.error.message);
      return result.value as CommandOutput<typeof name>;
    },
    close: () => ws.close(),
  };
}
