/**
 * One look at a repository for the monitor: its managed agents, the Codex processes working in
 * it (each marked managed or not), and the duplicates among them. The running core builds it
 * for `monitor.snapshot`; the CLI builds it itself when no Switchyard runs for the repository.
 */
import { ENDED_STATUSES, type Agent } from '../../shared/domain';
import type { DiscoveredProcess, MonitorSnapshot } from '../../shared/monitor';
import { SwitchyardError } from '../../shared/result';
import { findDuplicates } from '../conflicts/duplicates';
import { scanCodexProcesses, type CodexScanSources, type ScannedCodexProcess } from './codex-scan';
import { osProcessDetails } from './process-details';
import { listProcesses } from './process-list';

export const defaultScanSources = (): CodexScanSources => ({
  listProcesses,
  details: osProcessDetails(),
  selfPid: process.pid,
});

/**
 * Managed: it carries the id of, or is the process (or its launcher) of, an agent that has not
 * ended. A process of an ended agent is a leftover and is shown like any other.
 */
export function managedMarker(agents: readonly Agent[]): (process: ScannedCodexProcess) => boolean {
  const live = agents.filter((agent) => !ENDED_STATUSES.includes(agent.status));
  const ids = new Set(live.map((agent) => agent.id));
  const pids = new Set(live.flatMap((agent) => (agent.pid === null ? [] : [agent.pid])));
  return (process) =>
    (process.agentId !== null && ids.has(process.agentId)) ||
    pids.has(process.pid) ||
    (process.launcherPid !== null && pids.has(process.launcherPid));
}

export async function buildMonitorSnapshot(
  repo: string,
  managed: readonly Agent[],
  sources: CodexScanSources = defaultScanSources(),
): Promise<MonitorSnapshot> {
  const scan = await scanCodexProcesses(sources);
  const isManaged = managedMarker(managed);
  const discovered: DiscoveredProcess[] = scan.processes
    .filter((process) => process.repo === repo)
    .map((process) => ({ ...process, managed: isManaged(process) }));
  return {
    repo,
    scannedAt: new Date().toISOString(),
    managed: [...managed],
    discovered,
    duplicates: findDuplicates({ managed, unmanaged: discovered.filter((process) => !process.managed) }),
    otherFolders: scan.processes.filter((process) => process.workdir !== null && process.repo !== repo).length,
    unknownFolder: scan.processes.filter((process) => process.workdir === null).length,
    scanError: scan.error,
  };
}

/** The `monitor.snapshot` command of a running core, which may have no repository open yet. */
export function snapshotOfOpenRepo(repo: string | null, managed: readonly Agent[]): Promise<MonitorSnapshot> {
  if (repo === null) throw new SwitchyardError('no-repository', 'Open a repository to monitor it.');
  return buildMonitorSnapshot(repo, managed);
}
