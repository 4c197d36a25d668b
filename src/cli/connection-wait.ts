/**
 * `switchyard connect` waits for the connection it added: an SSH link first checks the host,
 * finds or starts the Switchyard there and opens its tunnel, which takes seconds; its steps are
 * printed as they come (on stderr, so stdout stays the one line with the address), and it ends
 * connected, or failed with the sentence that says why.
 */
import type { ConnectionInfo } from '../shared/connections';
import { CliError } from './cli-error';
import type { Output } from './commands';

/** How often the list is read again while the link connects; each step takes a second or more. */
const POLL_MS = 250;

/**
 * Resolves with the connection once it is no longer `connecting` (connected, or reconnecting
 * with its reason); throws the failure's sentence when it failed or was removed meanwhile.
 */
export async function waitForConnection(first: ConnectionInfo, list: () => Promise<ConnectionInfo[]>, errors: Output): Promise<ConnectionInfo> {
  let said: string | null = null;
  let current: ConnectionInfo | undefined = first;
  for (;;) {
    if (!current) throw new CliError(`The connection ${first.label} was removed before it connected.`);
    if (current.state === 'failed') throw new CliError(current.detail ?? `Connecting to ${current.label} failed.`);
    if (current.state === 'closed') throw new CliError(`The connection ${first.label} was closed before it connected.`);
    if (current.state !== 'connecting') return current;
    if (current.detail && current.detail !== said) {
      said = current.detail;
      errors.out(said);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = (await list()).find((entry) => entry.id === first.id);
  }
}
