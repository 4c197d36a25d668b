/**
 * Starts the UI: picks the transport, wires core events into the store and the terminal
 * registry, loads the initial state, and renders. Everything subscribed here lives as long as
 * the page.
 */
import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { MissingTokenPage } from './components/MissingTokenPage';
import { installGlobalShortcuts } from './global-shortcuts';
import { runsInElectron } from './notifications/desktop-notifications';
import { followNotifications } from './notifications/follow-notifications';
import { ServicesContext } from './services-context';
import { followConnections } from './state/connection-actions';
import { followCoreEvents, loadCoreState } from './state/core-actions';
import type { CoreServices } from './state/core-services';
import { followRepoPreferences } from './state/repo-preferences';
import { reportError } from './state/report-error';
import { useStore } from './state/store';
import { TerminalRegistry } from './terminals/terminal-registry';
import { isDomRendererForced } from './terminals/webgl-renderer';
import { chooseTransport } from './transport/choose-transport';
import type { ConnectionStatus } from './transport/connection-status';

function start(rootElement: HTMLElement): void {
  const root = createRoot(rootElement);
  // Set once the services exist; the transport may report a status change before that.
  let onReconnected = (): void => {};

  const choice = chooseTransport({
    onStatusChange: (status: ConnectionStatus) => {
      const previous = useStore.getState().connection;
      useStore.getState().setConnection(status);
      if (status === 'open' && previous === 'reconnecting') onReconnected();
    },
    onProtocolError: (message) => useStore.getState().pushToast(message),
    onCloseReason: (reason) => useStore.getState().setConnectionDetail(reason),
  });
  if (choice.kind === 'missing-token') {
    root.render(<MissingTokenPage />);
    return;
  }

  useStore.getState().setConnection(choice.initialStatus);
  const terminals = new TerminalRegistry({
    api: choice.api,
    useWebgl: !isDomRendererForced(window.location.search),
    onSearchRequested: (agentId) => useStore.getState().openSearch(agentId),
    reportError,
  });
  const links = choice.connections;
  const services: CoreServices = {
    api: choice.api,
    terminals,
    ...(links
      ? { connections: { home: links.home, switchTo: (id: string) => links.window.switchTo(id), retryNow: () => links.window.retryNow() } }
      : {}),
  };
  if (links) useStore.getState().setCurrentConnection(links.window.connection);
  // The selected agent's terminal is first in line for a WebGL renderer.
  useStore.subscribe((state) => terminals.setFocusedAgent(state.selectedAgentId));
  onReconnected = () => {
    // Whatever changed while the link was down was not delivered; ask again.
    void loadCoreState(services);
    terminals.reloadAll();
  };

  followCoreEvents(services);
  followConnections(services);
  followNotifications(services.api, { desktop: !runsInElectron() });
  installGlobalShortcuts();
  // Before the state loads: the repository it names brings back how the window was left for it.
  followRepoPreferences(useStore);
  void loadCoreState(services);

  root.render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StrictMode>,
  );
}

const rootElement = document.getElementById('root');
if (rootElement) start(rootElement);
