/**
 * The BrowserWindow's security settings, kept apart from Electron itself so a unit test can
 * assert them. The renderer is untrusted web content: it talks to the core only through the
 * preload's one typed API.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Switchyard',
    backgroundColor: '#111418',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
