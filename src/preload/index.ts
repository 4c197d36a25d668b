/** Exposes exactly one typed object, `window.switchyard`, to the sandboxed renderer. */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHOOSE_FOLDER_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
} from '../shared/api';
import { IPC_RELAY_CHANNEL, IPC_RELAY_EVENT_CHANNEL, type DesktopBridge, type RelayEvent } from '../shared/relay';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

// The window's relays to other cores (shared/relay.ts): requests out, events in, nothing else.
const relayListeners = new Set<(event: RelayEvent) => void>();
ipcRenderer.on(IPC_RELAY_EVENT_CHANNEL, (_event, relayEvent: RelayEvent) => {
  for (const listener of relayListeners) listener(relayEvent);
});

const api: DesktopBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  on: (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  },
  chooseFolder: () => ipcRenderer.invoke(IPC_CHOOSE_FOLDER_CHANNEL),
  relay: {
    send: (request) => ipcRenderer.send(IPC_RELAY_CHANNEL, request),
    onEvent: (listener) => {
      relayListeners.add(listener);
      return () => relayListeners.delete(listener);
    },
  },
};

contextBridge.exposeInMainWorld('switchyard', api);

export type PreloadApi = typeof api;
