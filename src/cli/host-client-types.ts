import type { CommandInput, CommandName, CommandOutput } from '../shared/contract';
import type { InstanceInfo } from '../core/instances/instance-registry';

/** A connection to the running Switchyard of a repository, over the control socket or the WebSocket. */
export interface HostClient {
  readonly instance: InstanceInfo;
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  close(): void;
}
