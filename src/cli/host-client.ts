/** The CLI's connection to the running Switchyard for a repository (found via its instance file). */
import type { CommandOutput } from '../shared/contract';
import type { Result } from '../shared/result';
import { controlRequest } from '../core/control/control-client';
import { readInstance, type InstanceInfo } from '../core/instances/instance-registry';
import { CliError } from './cli-error';
import type { HostClient } from './host-client-types';

export type { HostClient } from './host-client-types';

export const notRunning = (repo: string): CliError =>
  new CliError(`No Switchyard is running for ${repo}. Start one with \`switchyard serve --repo ${repo}\` or \`npm start\`.`, 2);

export async function connectToRepo(repo: string): Promise<HostClient> {
  const instance = readInstance(repo);
  if (!instance) throw notRunning(repo);
  if (instance.controlSocket) return controlSocketClient(instance, instance.controlSocket);
  // Instance files from before the control socket existed: the WebSocket still works.
  const { webSocketClient } = await import('./host-client-ws');
  return webSocketClient(instance);
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
