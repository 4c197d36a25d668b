/**
 * SwitchyardApi over the Electron preload bridge. The bridge already speaks the contract; this
 * wrapper only turns a rejected IPC call (main process gone, handler missing) into a Result, so
 * the UI has one failure path.
 */
import type { EventListenerMap, SwitchyardApi } from '../../shared/api';
import type { CommandInput, CommandName, CommandOutput, EventName } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { ConnectionStatus } from './connection-status';
import type { DisposableApi } from './message-transport';

export function createIpcTransport(bridge: SwitchyardApi): SwitchyardApi {
  const invoke = async <K extends CommandName>(
    name: K,
    input: CommandInput<K>,
  ): Promise<Result<CommandOutput<K>>> => {
    try {
      return await bridge.invoke(name, input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail('unavailable', `Switchyard did not answer ${name}: ${detail}`);
    }
  };
  const on = <K extends EventName>(name: K, listener: EventListenerMap[K]): (() => void) =>
    bridge.on(name, listener);
  const chooseFolder = bridge.chooseFolder;
  return chooseFolder ? { invoke, on, chooseFolder: () => chooseFolder() } : { invoke, on };
}

/**
 * The IPC transport as the window's connection to its own core, for the switchable transport:
 * there is nothing to close or retry, and it is open as soon as the window switches back to it.
 * The status is reported a moment later, after the switch has said `connecting`, as a socket's
 * `open` would be.
 */
export function ipcAsConnection(api: SwitchyardApi, onStatusChange: (status: ConnectionStatus) => void): DisposableApi {
  let disposed = false;
  queueMicrotask(() => {
    if (!disposed) onStatusChange('open');
  });
  return {
    ...api,
    dispose: () => void (disposed = true),
    retryNow: () => undefined,
  };
}
