/** Binds the connection commands (src/shared/connections.ts) to the core's connection registry. */
import type { connectionCommands } from '../../shared/connections';
import type { HandlersFor } from '../command-handlers';
import type { ConnectionRegistry } from './connection-registry';

export function connectionHandlers(connections: ConnectionRegistry): HandlersFor<keyof typeof connectionCommands> {
  return {
    'connections.list': () => ({ connections: connections.list() }),
    'connections.add': (input) => ({ connection: connections.add(input) }),
    'connections.retry': ({ id }) => ({ connection: connections.retry(id) }),
    'connections.remove': async ({ id }) => {
      await connections.remove(id);
      return { id };
    },
  };
}
