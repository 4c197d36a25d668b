import { LOCAL_CONNECTION_ID, type ConnectionInfo } from '../../shared/connections';
import type { ConnectionStatus } from '../transport/connection-status';
import type { SliceCreator } from './slice-creator';

export interface ConnectionSlice {
  /** The window's socket to the core it shows. */
  connection: ConnectionStatus;
  /** Why the host last closed that socket, when it said (a connection's far side went away). */
  connectionDetail: string | null;
  /** The connections this page's host lists (issue 16); empty where the window cannot switch (Electron). */
  connections: ConnectionInfo[];
  /** The id of the connection the window shows. */
  currentConnection: string;
  setConnection(status: ConnectionStatus): void;
  setConnectionDetail(detail: string | null): void;
  setConnections(connections: ConnectionInfo[]): void;
  setCurrentConnection(id: string): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  connectionDetail: null,
  connections: [],
  currentConnection: LOCAL_CONNECTION_ID,
  // An open socket has nothing left to explain.
  setConnection: (connection) => set(connection === 'open' ? { connection, connectionDetail: null } : { connection }),
  setConnectionDetail: (connectionDetail) => set({ connectionDetail }),
  setConnections: (connections) => set({ connections }),
  setCurrentConnection: (currentConnection) => set({ currentConnection }),
});
