/// <reference types="vite/client" />
import type { SwitchyardApi } from '../shared/api';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser (then the WebSocket is used). */
    switchyard?: SwitchyardApi;
  }
}
