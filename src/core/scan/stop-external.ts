/**
 * Stops one Codex process that runs on the repository outside Switchyard (`switchyard stop --pid`,
 * the monitor's Stop button, `monitor.stopExternal`). Only a process the scan identifies as Codex
 * working in this repository, and not a managed agent, is signalled; its identity (pid plus start
 * time) is taken before the scan and checked again right before every signal, so a pid the kernel
 * handed to another program in the meantime is never hit. SIGTERM first, SIGKILL after a grace
 * period, and the report says which it took.
 */
import fs from 'node:fs';
import type { Agent } from '../../shared/domain';
import type { DiscoveredProcess, ExternalStopReport } from '../../shared/monitor';
import { SwitchyardError } from '../../shared/result';
import { isSameProcessAlive, parseProcStatGroup, readProcessIdentity, type ProcessIdentity } from '../locks/process-identity';
import { scanCodexProcesses, type CodexScanSources } from './codex-scan';
import { defaultScanSources, managedMarker } from './monitor-snapshot';

/** Codex saves its session and exits on SIGTERM within a second or two; past this it is hung. */
export const EXTERNAL_STOP_GRACE_MS = 5_000;
/** After SIGKILL the kernel ends a process at once; this only covers a loaded machine. */
const KILL_WAIT_MS = 3_000;
const POLL_MS = 50;

type Signal = 'SIGTERM' | 'SIGKILL';

export interface StopExternalDeps {
  sources: CodexScanSources;
  identify(pid: number): ProcessIdentity | null;
  isSame(identity: ProcessIdentity): boolean;
  signal(pid: number, signal: Signal): void;
  /** The process group of a pid, or null where unknown: a Codex that leads its group is stopped with its children. */
  groupOf(pid: number): number | null;
  sleep(ms: number): Promise<void>;
  graceMs: number;
  killWaitMs: number;
}

export function defaultStopDeps(): StopExternalDeps {
  return {
    sources: defaultScanSources(),
    identify: readProcessIdentity,
    isSame: isSameProcessAlive,
    signal: (pid, signal) => process.kill(pid, signal),
    groupOf: processGroupOf,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    graceMs: EXTERNAL_STOP_GRACE_MS,
    killWaitMs: KILL_WAIT_MS,
  };
}

function processGroupOf(pid: number): number | null {
  // Node has no getpgid; /proc is Linux only, and elsewhere the pid alone is signalled.
  if (process.platform !== 'linux') return null;
  try {
    return parseProcStatGroup(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** The external Codex `pid` names (its native binary, or its npm launcher), or an error that says why not. */
async function findTarget(
  repo: string,
  pid: number,
  managed: readonly Agent[],
  sources: CodexScanSources,
): Promise<DiscoveredProcess> {
  const scan = await scanCodexProcesses(sources);
  if (scan.error) throw new SwitchyardError('unavailable', scan.error);
  const found = scan.processes.find((process) => process.pid === pid || process.launcherPid === pid);
  if (!found) {
    throw new SwitchyardError('not-found', `pid ${pid} is not a Codex process (or no longer runs); Switchyard stops only Codex processes working on ${repo}.`);
  }
  if (found.repo !== repo) {
    const where = found.workdir === null ? 'a folder the OS does not reveal' : found.workdir;
    throw new SwitchyardError('invalid-input', `pid ${pid} is a Codex process working in ${where}, not in ${repo}; it was not stopped.`);
  }
  const process = { ...found, managed: managedMarker(managed)(found) };
  if (process.managed) {
    const agent = managed.find((a) => a.id === process.agentId || a.pid === process.pid || a.pid === process.launcherPid);
    const ref = agent ? agent.id : (process.agentId ?? 'a managed agent');
    throw new SwitchyardError('invalid-input', `pid ${pid} is Switchyard's agent ${ref}; stop it with \`switchyard stop ${ref}\`.`);
  }
  return process;
}

async function waitGone(deps: StopExternalDeps, identities: readonly ProcessIdentity[], ms: number): Promise<boolean> {
  for (let waited = 0; ; waited += POLL_MS) {
    if (identities.every((identity) => !deps.isSame(identity))) return true;
    if (waited >= ms) return false;
    await deps.sleep(POLL_MS);
  }
}

/**
 * Signals each process that is still the one identified (never a reused pid). A Codex that leads
 * its own process group (as it does in a terminal) takes its group with it: its running commands.
 */
function signalAll(deps: StopExternalDeps, identities: readonly ProcessIdentity[], signal: Signal): number {
  let sent = 0;
  for (const identity of identities) {
    if (!deps.isSame(identity)) continue;
    const leadsGroup = deps.groupOf(identity.pid) === identity.pid;
    try {
      deps.signal(leadsGroup ? -identity.pid : identity.pid, signal);
      sent += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') {
        throw new SwitchyardError('invalid-input', `Not allowed to signal pid ${identity.pid} (another user's process).`);
      }
      // ESRCH: it ended just now.
    }
  }
  return sent;
}

export async function stopExternalCodex(
  repo: string,
  pid: number,
  options: { managed: readonly Agent[]; force?: boolean },
  deps: StopExternalDeps = defaultStopDeps(),
): Promise<ExternalStopReport> {
  // Who has the pid now, taken before the scan: if the same process still has it after the scan,
  // the scan described this process and not one that got the pid since.
  const before = deps.identify(pid);
  const target = await findTarget(repo, pid, options.managed, deps.sources);
  if (before === null || !deps.isSame(before)) {
    throw new SwitchyardError('not-found', `pid ${pid} ended (or changed) while it was being identified; nothing was stopped.`);
  }
  const pids = [target.pid, ...(target.launcherPid === null ? [] : [target.launcherPid])];
  const identities = pids.map((p) => (p === pid ? before : deps.identify(p))).filter((i): i is ProcessIdentity => i !== null);
  const signals: Signal[] = [];
  const report = (outcome: ExternalStopReport['outcome'], message: string): ExternalStopReport => ({
    pid: target.pid,
    launcherPid: target.launcherPid,
    task: target.task,
    outcome,
    signals,
    message,
  });
  const what = `Codex pid ${target.pid}${target.launcherPid === null ? '' : ` (launcher ${target.launcherPid})`}`;

  if (!options.force) {
    if (signalAll(deps, identities, 'SIGTERM') === 0) return report('already-gone', `${what} had already ended.`);
    signals.push('SIGTERM');
    if (await waitGone(deps, identities, deps.graceMs)) return report('terminated', `${what} ended after SIGTERM.`);
  }
  if (signalAll(deps, identities, 'SIGKILL') === 0) {
    return signals.length === 0 ? report('already-gone', `${what} had already ended.`) : report('terminated', `${what} ended after SIGTERM.`);
  }
  signals.push('SIGKILL');
  const waited = options.force ? '' : ` (still running ${Math.round(deps.graceMs / 1000)} s after SIGTERM)`;
  if (await waitGone(deps, identities, deps.killWaitMs)) return report('killed', `${what} was killed with SIGKILL${waited}.`);
  return report('survived', `${what} still runs after SIGKILL; it may be stuck in the kernel (uninterruptible I/O).`);
}

/** The `monitor.stopExternal` command of a running core, which may have no repository open yet. */
export function stopExternalOfOpenRepo(
  repo: string | null,
  pid: number,
  options: { managed: readonly Agent[]; force?: boolean },
): Promise<ExternalStopReport> {
  if (repo === null) throw new SwitchyardError('no-repository', 'Open a repository to stop a Codex process working in it.');
  return stopExternalCodex(repo, pid, options);
}
