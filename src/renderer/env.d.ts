/// <reference types="vite/client" />
import type { DesktopBridge } from '../shared/relay';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser (then the WebSocket is used). */
    switchyard?: DesktopBridge;
  }
}
