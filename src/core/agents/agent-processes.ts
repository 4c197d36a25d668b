/**
 * Finds every process that belongs to one agent, including ones that left its process group:
 * on Linux each process inherits SWITCHYARD_AGENT_ID in its environment, which /proc exposes.
 * Elsewhere only the process group is checked.
 */
import fs from 'node:fs';
import { isPidAlive, isSameProcessAlive as isSameIdentityAlive, isZombie, processStartTimeOf } from '../locks/process-identity';

/** Whether the pid runs (zombies do not count). */
export const isAlive = isPidAlive;

/** When the process started (clock ticks since boot on Linux), so a reused pid is not mistaken for it. */
export const processStartTime = (pid: number): number | null => processStartTimeOf(pid);

/** Whether the process that had this pid and start time still runs. */
export const isSameProcessAlive = (pid: number, startTime: number | null): boolean => isSameIdentityAlive({ pid, startTime });

export function isGroupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return isAlive(pgid);
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pids (other than zombies) whose environment names this agent. Linux only; [] elsewhere. */
// A zombie's state is field 3 of /proc/<pid>/stat, right after the parenthesised command: Z.
export function processesOfAgent(agentId: string): number[] {
  if (process.platform !== 'linux') return [];
  const marker = Buffer.from(`SWITCHYARD_AGENT_ID=${agentId}\0`);
  const found: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`);
      if (!environ.includes(marker)) continue;
      if (!isZombie(pid)) found.push(pid);
    } catch {
      // Gone in the meantime, or not ours to read.
    }
  }
  return found;
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') process.kill(pgid, signal);
    else process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

export function signalPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
