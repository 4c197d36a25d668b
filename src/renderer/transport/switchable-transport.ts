/**
 * The window's API when it can switch between connections (issue 16): one transport at a time,
 * to this page's core or, through its host, to another. Listeners are held here and forwarded
 * from whichever transport is current, so the store, the terminals and every component keep the
 * one API object they were given and simply hear from the other core after a switch.
 */
import type { EventListenerMap, SwitchyardApi } from '../../shared/api';
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { DisposableApi } from './websocket-transport';

export interface SwitchableApi extends SwitchyardApi {
  /** The connection the API talks to now. */
  readonly connection: string;
  /** Closes the current transport and opens one to `connection`; invokes made meanwhile wait for it. */
  switchTo(connection: string): void;
  retryNow(): void;
  dispose(): void;
}

export function createSwitchableTransport(initial: string, open: (connection: string) => DisposableApi): SwitchableApi {
  const listeners = new Map<EventName, Set<EventListenerMap[EventName]>>();
  let connection = initial;
  let current = open(initial);
  /** Unsubscribes of the current transport's forwarders, by event name. */
  let forwarders = new Map<EventName, () => void>();

  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    for (const listener of [...(listeners.get(name) ?? [])]) (listener as EventListenerMap[K])(payload);
  };
  const forward = (name: EventName): void => {
    if (forwarders.has(name)) return;
    forwarders.set(name, current.on(name, (payload) => emit(name, payload)));
  };

  return {
    get connection() {
      return connection;
    },
    invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
      return current.invoke(name, input);
    },
    on<K extends EventName>(name: K, listener: EventListenerMap[K]): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      forward(name);
      return () => {
        set.delete(listener);
      };
    },
    switchTo(next) {
      if (next === connection) return;
      for (const stop of forwarders.values()) stop();
      forwarders = new Map();
      current.dispose();
      connection = next;
      current = open(next);
      for (const name of listeners.keys()) forward(name);
    },
    // The native folder chooser of the desktop window picks a folder of this machine: offered
    // only while the window shows its own core (a getter, so it follows the switches).
    get chooseFolder() {
      return current.chooseFolder;
    },
    retryNow: () => current.retryNow(),
    dispose: () => current.dispose(),
  };
}
