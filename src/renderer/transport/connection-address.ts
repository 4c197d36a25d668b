/**
 * Which connection the page shows, kept in its address (`&connection=ID`, as `switchyard connect`
 * prints it) so a reload comes back to the same core. This window's own core has no parameter.
 */
import { CONNECTION_PARAM, LOCAL_CONNECTION_ID } from '../../shared/connections';

export function connectionInAddress(): string {
  return new URL(window.location.href).searchParams.get(CONNECTION_PARAM) ?? LOCAL_CONNECTION_ID;
}

export function writeConnectionToAddress(connection: string): void {
  const url = new URL(window.location.href);
  if (connection === LOCAL_CONNECTION_ID) url.searchParams.delete(CONNECTION_PARAM);
  else url.searchParams.set(CONNECTION_PARAM, connection);
  window.history.replaceState(window.history.state, '', url);
}
