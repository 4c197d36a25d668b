/** How the switcher names a connection: short on its button, whole in its list. */
import type { ConnectionInfo } from '../../../shared/connections';

/** The last folder of a path (`/a/b/repo` → `repo`), for the crowded header. */
const lastFolder = (label: string): string => label.replace(/\/+$/, '').split('/').pop() || label;

export function shortName(connection: ConnectionInfo): string {
  if (connection.kind === 'local') return 'Local';
  if (connection.kind === 'remote') {
    // `user@host:/path/repo` → `host:repo`
    const match = /^(?:[^@]+@)?([^:]+)(?::\d+)?:(.*)$/.exec(connection.label);
    return match ? `${match[1]}:${lastFolder(match[2] ?? '')}` : connection.label;
  }
  return lastFolder(connection.label);
}

export function title(connection: ConnectionInfo): string {
  return connection.kind === 'local' ? 'This window’s core' : connection.label;
}

/** What the list says under the title: where it is, or why it is not connected. */
export function subtitle(connection: ConnectionInfo): string {
  if (connection.state !== 'connected') return `${connection.state}${connection.detail ? ` — ${connection.detail}` : ''}`;
  if (connection.kind === 'local') return connection.label;
  return connection.kind === 'remote' ? 'over SSH' : 'on this machine';
}
