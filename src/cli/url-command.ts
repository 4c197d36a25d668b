/**
 * `switchyard url`: the browser address (with its access token) of the `serve` running for a
 * repository, for a tab left behind by a restart or a lost terminal. It prints what the instance
 * file (0600, this user's only) already holds; nothing new becomes readable.
 */
import { readInstance } from '../core/instances/instance-registry';
import { browserAddress } from '../shared/browser-address';
import { CliError } from './cli-error';
import { repoFromArgument, type Output } from './commands';
import { notRunning } from './host-client';

export async function urlCommand(options: { repo: string }, output: Output): Promise<void> {
  const repo = await repoFromArgument(options.repo);
  const instance = readInstance(repo);
  if (!instance) throw notRunning(repo);
  if (instance.kind === 'electron') {
    throw new CliError(`The Switchyard running for ${repo} is the desktop app (pid ${instance.pid}): use its window; it has no browser address.`);
  }
  output.out(browserAddress(instance.port, instance.token));
}
