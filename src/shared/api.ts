/** The one API object the renderer talks to, whatever carries it (Electron IPC or WebSocket). */
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from './contract';
import type { Result } from './result';

export interface SwitchyardApi {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Present only in Electron: a native folder chooser. */
  chooseFolder?: () => Promise<string | null>;
}

export type EventListenerMap = { [K in EventName]: (payload: EventPayload<K>) => void };

/** IPC channel names; the preload and main agree on these and nothing else. */
export const IPC_INVOKE_CHANNEL = 'switchyard:invoke';
export const IPC_EVENT_CHANNEL = 'switchyard:event';
export const IPC_CHOOSE_FOLDER_CHANNEL = 'switchyard:choose-folder';
