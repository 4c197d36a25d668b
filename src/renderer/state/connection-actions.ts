/**
 * Switching the window between connections (issue 16): the list comes from this page's own core;
 * a switch points the window's API at another core and loads everything again from it, as a
 * reconnect does, after dropping what the previous core showed.
 */
import { LOCAL_CONNECTION_ID, type ConnectionInfo } from '../../shared/connections';
import type { Result } from '../../shared/result';
import { writeConnectionToAddress } from '../transport/connection-address';
import { applyAgents, loadCoreState } from './core-actions';
import type { ConnectionServices, CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

/** Keeps the store's list in step with the host; returns the unsubscribe. */
export function followConnections(services: CoreServices): () => void {
  const connections = services.connections;
  if (!connections) return () => undefined;
  const apply = (list: ConnectionInfo[]): void => {
    const state = useStore.getState();
    state.setConnections(list);
    const current = list.find((entry) => entry.id === state.currentConnection);
    // Removed (from another tab, or the CLI's host restarted without it): back to this page's own core.
    if (!current) return switchConnection(services, LOCAL_CONNECTION_ID);
    // The host found the far core again: no need to wait for the socket's next backoff step.
    if (current.state === 'connected' && state.connection !== 'open') connections.retryNow();
  };
  const stop = connections.home.on('connections.changed', ({ connections: list }) => apply(list));
  void connections.home.invoke('connections.list', {}).then((result) => {
    if (result.ok) apply(result.value.connections);
    else reportError('Listing connections', result.error);
  });
  return stop;
}

export function switchConnection(services: CoreServices, id: string): void {
  const connections = services.connections;
  const state = useStore.getState();
  if (!connections || id === state.currentConnection) return;
  connections.switchTo(id);
  writeConnectionToAddress(id);
  state.setCurrentConnection(id);
  state.setConnection('connecting');
  // What the previous core showed belongs to it: no agent, terminal or change of it may linger.
  applyAgents(services, []);
  state.resetChangeMap();
  state.setRepo(null);
  void loadCoreState(services);
}

/** Adds a connection and shows it; the caller shows a failure next to the form. */
export async function addConnection(
  services: CoreServices & { connections: ConnectionServices },
  request: { target?: string; repo: string },
): Promise<Result<{ connection: ConnectionInfo }>> {
  const result = await services.connections.home.invoke('connections.add', request);
  if (result.ok) switchConnection(services, result.value.connection.id);
  return result;
}

/** Starts a failed connection again; its steps and outcome arrive as list changes. */
export async function retryConnection(services: CoreServices & { connections: ConnectionServices }, id: string): Promise<void> {
  const result = await services.connections.home.invoke('connections.retry', { id });
  if (!result.ok) reportError('Retrying the connection', result.error);
}

export async function removeConnection(services: CoreServices & { connections: ConnectionServices }, id: string): Promise<void> {
  if (useStore.getState().currentConnection === id) switchConnection(services, LOCAL_CONNECTION_ID);
  const result = await services.connections.home.invoke('connections.remove', { id });
  if (!result.ok) reportError('Removing the connection', result.error);
}
