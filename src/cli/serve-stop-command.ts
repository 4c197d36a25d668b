/**
 * `switchyard serve --stop [--repo PATH]`: ends the `serve` running for a repository, as Ctrl-C in
 * its terminal would (SIGTERM: it stops its agents, keeps the queue, removes its instance file).
 * Meant for a serve nobody has a terminal for: one a remote connection started in the
 * background (`ssh build1 switchyard serve --stop --repo /home/me/project`).
 */
import { isAlive } from '../core/agents/agent-processes';
import { readInstance } from '../core/instances/instance-registry';
import { CliError } from './cli-error';
import { repoFromArgument, type Output } from './commands';

/** A serve stops its agents before it exits; Codex takes a moment to leave. */
const STOP_TIMEOUT_MS = 30_000;
const POLL_MS = 100;

export async function serveStopCommand(repoArg: string, output: Output, errors: Output): Promise<void> {
  const repo = await repoFromArgument(repoArg);
  const instance = readInstance(repo);
  if (!instance) throw new CliError(`No Switchyard is running for ${repo}.`);
  if (instance.kind === 'electron') {
    throw new CliError(`The Switchyard for ${repo} is the desktop app (pid ${instance.pid}); close its window to stop it.`);
  }
  try {
    process.kill(instance.pid, 'SIGTERM');
  } catch (error) {
    throw new CliError(`Could not stop the Switchyard for ${repo} (pid ${instance.pid}): ${(error as Error).message}`);
  }
  errors.out(`Stopping the Switchyard for ${repo} (pid ${instance.pid}) and its agents…`);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(instance.pid)) {
    if (Date.now() > deadline) {
      throw new CliError(`The Switchyard for ${repo} (pid ${instance.pid}) is still running ${STOP_TIMEOUT_MS / 1000} s after SIGTERM; see ${repo}/.agents/serve.log.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  output.out(`Stopped the Switchyard for ${repo} (pid ${instance.pid}).`);
}
