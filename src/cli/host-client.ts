/** The CLI's connection to the running Switchyard for a repository (found via its instance file). */
import WebSocket from 'ws';
import type { CommandInput, CommandName, CommandOutput } from '../shared/contract';
import type { Result } from '../shared/result';
import { ServerMessageSchema, WS_PATH } from '../shared/wire';
import { controlRequest } from '../core/control/control-client';
import { readInstance, type InstanceInfo } from '../core/instances/instance-registry';

/** A failure the CLI reports in one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface HostClient {
  readonly instance: InstanceInfo;
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 5_000;

export async function connectToRepo(repo: string): Promise<HostClient> {
  const instance = readInstance(repo);
  if (!instance) {
    throw new CliError(
      `No Switchyard is running for ${repo}. Start one with \`switchyard serve --repo ${repo}\` or \`npm start\`.`,
      2,
    );
  }
  if (instance.controlSocket) return controlSocketClient(instance, instance.controlSocket);
  // Instance files from before the control socket existed: the WebSocket still works.
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

/**
 * Commands can wait on the user's behalf (a stop with its grace periods, `lock --wait`); only a
 * Switchyard that stopped answering altogether should hit this.
 */
const CONTROL_REQUEST_TIMEOUT_MS = 10 * 60_000;

/** The CLI's usual path: the per-user control socket named in the instance file (mode 0600). */
function controlSocketClient(instance: InstanceInfo, socketPath: string): HostClient {
  return {
    instance,
    async invoke(name, input) {
      let result: Result<unknown>;
      try {
        result = await controlRequest(socketPath, name, input, CONTROL_REQUEST_TIMEOUT_MS);
      } catch (error) {
        throw new CliError(`Could not reach Switchyard (pid ${instance.pid}) at ${socketPath}: ${(error as Error).message}`);
      }
      if (!result.ok) throw new CliError(result.error.message);
      return result.value as CommandOutput<typeof name>;
    },
    close: () => undefined,
  };
}
