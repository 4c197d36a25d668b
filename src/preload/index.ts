/** Exposes exactly one typed object, `window.switchyard`, to the sandboxed renderer. */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHOOSE_FOLDER_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type SwitchyardApi,
} from '../shared/api';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api: SwitchyardApi = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  on: (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  },
  chooseFolder: () => ipcRenderer.invoke(IPC_CHOOSE_FOLDER_CHANNEL),
};

contextBridge.exposeInMainWorld('switchyard', api);

export type PreloadApi = typeof api;
