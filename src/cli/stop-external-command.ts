/**
 * `switchyard stop --pid PID`: stops a Codex process that works on the repository outside
 * Switchyard. The running Switchyard does it when there is one (it knows its own agents, which are
 * never stopped this way); without one the CLI identifies and stops the process itself.
 */
import type { ExternalStopReport } from '../shared/monitor';
import { SwitchyardError } from '../shared/result';
import { readInstance } from '../core/instances/instance-registry';
import type { Output } from './commands';
import { repoFromArgument } from './commands';
import { CliError } from './cli-error';
import { connectToRepo } from './host-client';

export interface StopExternalOptions {
  repo: string;
  pid: number;
  force?: boolean;
  json?: boolean;
}

async function stopThroughSwitchyard(repo: string, options: StopExternalOptions): Promise<ExternalStopReport> {
  const client = await connectToRepo(repo);
  try {
    return await client.invoke('monitor.stopExternal', { pid: options.pid, force: options.force ?? false });
  } finally {
    client.close();
  }
}

async function stopLocally(repo: string, options: StopExternalOptions): Promise<ExternalStopReport> {
  // The scan and the signals load only here, when no Switchyard answers for the repository.
  const { stopExternalCodex } = await import('../core/scan/stop-external');
  try {
    return await stopExternalCodex(repo, options.pid, { managed: [], force: options.force ?? false });
  } catch (error) {
    if (error instanceof SwitchyardError) throw new CliError(error.message);
    throw error;
  }
}

export async function stopExternalCommand(options: StopExternalOptions, output: Output): Promise<void> {
  const repo = await repoFromArgument(options.repo);
  const report = readInstance(repo) ? await stopThroughSwitchyard(repo, options) : await stopLocally(repo, options);
  output.out(options.json ? JSON.stringify(report) : report.message);
  // Still running after SIGKILL: the one outcome where the user's intent was not carried out.
  if (report.outcome === 'survived') process.exitCode = 1;
}
