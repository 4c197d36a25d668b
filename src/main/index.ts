/** The Electron shell: one window, the IPC bridge to the core, and the CLI endpoint. */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron';
import { IPC_CHOOSE_FOLDER_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api';
import { EVENT_NAMES, type EventName } from '../shared/contract';
import { fail } from '../shared/result';
import { startSwitchyard, type RunningSwitchyard } from '../host/serve';
import { initialRepo } from './initial-repo';
import { CONTENT_SECURITY_POLICY, windowOptions } from './window-options';
import { IPC_RELAY_CHANNEL, IPC_RELAY_EVENT_CHANNEL } from '../shared/relay';
import { createLinkRelays } from './link-relay';
import { isTrustedSenderUrl, type RendererLocation } from './trusted-sender';

const APP_ROOT = path.resolve(__dirname, '..', '..');
const renderer: RendererLocation = {
  indexFile: path.join(__dirname, '..', 'renderer', 'index.html'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
};
const FORWARDED_EVENTS: readonly EventName[] = EVENT_NAMES;

const SWITCHYARD_OPTIONS = {
  appRoot: APP_ROOT,
  servePages: false,
  kind: 'electron' as const,
  // Codex's hooks run Node scripts; Electron's own binary is Node when asked to be.
  nodeRunner: ['env', 'ELECTRON_RUN_AS_NODE=1', process.execPath],
};

let running: RunningSwitchyard | null = null;

/** Desktop notifications when an agent waits for input, finishes, fails or is stuck. */
function showNotifications(switchyard: RunningSwitchyard): void {
  if (!Notification.isSupported()) return;
  switchyard.core.events.on('notification', ({ title, body }) => {
    new Notification({ title, body }).show();
  });
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links in agent output open in the user's browser, never in a new app window.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write' || permission === 'notifications'),
  );
}

function bindIpc(core: RunningSwitchyard, window: BrowserWindow): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, renderer)) {
      return fail('invalid-input', 'IPC call from an untrusted page was refused.');
    }
    return core.router.handle(name, input, { view: WINDOW_VIEW });
  });
  ipcMain.handle(IPC_CHOOSE_FOLDER_CHANNEL, async (event) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, renderer)) return null;
    const picked = await dialog.showOpenDialog(window, {
      title: 'Choose a git repository',
      properties: ['openDirectory'],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  const views = core.core.terminalViews;
  for (const name of FORWARDED_EVENTS) {
    core.core.events.on(name, (payload) => {
      if (window.isDestroyed()) return;
      window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
      if (name === 'terminal.data') {
        // Counted for flow control only for agents the window shows (it asked for their history).
        const chunk = payload as { id: string; data: string };
        if (views.isShowing(WINDOW_VIEW, chunk.id)) views.sent(WINDOW_VIEW, chunk.id, chunk.data.length);
      }
    });
  }
  // The window's relays to other connections (issue 16): the main process holds the far sockets.
  const relays = createLinkRelays(core.core.connections, (relayEvent) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_RELAY_EVENT_CHANNEL, relayEvent);
  });
  ipcMain.on(IPC_RELAY_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, renderer)) return;
    relays.handle(request);
  });
  // A crashed or reloading renderer acks nothing more: it must not keep any agent paused, nor
  // any relay open. Writing the chosen connection into the address is no reload.
  const leave = (): void => {
    views.close(WINDOW_VIEW);
    relays.closeAll();
  };
  window.webContents.on('render-process-gone', leave);
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) leave();
  });
  window.on('closed', () => relays.closeAll());
}

/** The one terminal view of the app window, for flow control. */
const WINDOW_VIEW = 'electron-window';

async function start(): Promise<void> {
  hardenContents();
  const repo = initialRepo(process.argv, process.env, process.cwd(), APP_ROOT);
  try {
    running = await startSwitchyard({ repo, ...SWITCHYARD_OPTIONS });
  } catch {
    // Not a repository: open with none and let the user choose one in the window.
    running = await startSwitchyard({ repo: null, ...SWITCHYARD_OPTIONS });
  }
  showNotifications(running);
  const window = new BrowserWindow(windowOptions(path.join(__dirname, '..', 'preload', 'index.js')));
  bindIpc(running, window);
  window.once('ready-to-show', () => window.show());
  if (renderer.devServerUrl) await window.loadURL(renderer.devServerUrl);
  else await window.loadFile(renderer.indexFile);
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!running) return;
  event.preventDefault();
  const closing = running;
  running = null;
  void closing.close().finally(() => app.quit());
});

void app.whenReady().then(start).catch((error: unknown) => {
  dialog.showErrorBox('Switchyard could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
