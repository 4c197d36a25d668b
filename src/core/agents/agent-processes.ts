/**
 * Finds every process that belongs to one agent, including ones that left its process group:
 * on Linux each process inherits SWITCHYARD_AGENT_ID in its environment, which /proc exposes.
 * Elsewhere only the process group is checked.
 */
import fs from 'node:fs';
import {
  isPidAlive,
  isSameProcessAlive as isSameIdentityAlive,
  isZombie,
  parseProcStatGroup,
  processStartTimeOf,
} from '../locks/process-identity';

/** Whether the pid runs (zombies do not count). */
export const isAlive = isPidAlive;

/** When the process started (clock ticks since boot on Linux), so a reused pid is not mistaken for it. */
export const processStartTime = (pid: number): number | null => processStartTimeOf(pid);

/** Whether the process that had this pid and start time still runs. */
export const isSameProcessAlive = (pid: number, startTime: number | null): boolean => isSameIdentityAlive({ pid, startTime });

/**
 * Whether any process of the group runs. On Linux zombies do not count: in a container whose
 * pid 1 never reaps, an orphaned helper of Codex stays a zombie in the group forever, and
 * kill(-pgid, 0) would call the group alive after SIGKILL did its work.
 */
export function isGroupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return isAlive(pgid);
  if (process.platform === 'linux') return groupProcesses(pgid).length > 0;
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

/** Linux: the pids of the group's processes, zombies left out; [] elsewhere. */
export function groupProcesses(pgid: number): number[] {
  if (process.platform !== 'linux') return [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (parseProcStatGroup(stat) !== pgid) continue;
      if (stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z') members.push(Number(entry));
    } catch {
      // Gone in the meantime.
    }
  }
  return members;
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

/**
 * What an agent's process needs of the operating system's process table, in one seam: the
 * real one signals and reads /proc; a unit test's fake records signals and never touches a pid.
 */
export interface ProcessTable {
  signalGroup(pgid: number, signal: NodeJS.Signals): void;
  signalPids(pids: readonly number[], signal: NodeJS.Signals): void;
  processesOfAgent(agentId: string): number[];
  groupProcesses(pgid: number): number[];
  isGroupAlive(pgid: number): boolean;
  processStartTime(pid: number): number | null;
}

export const systemProcessTable: ProcessTable = {
  signalGroup,
  signalPids,
  processesOfAgent,
  groupProcesses,
  isGroupAlive,
  processStartTime,
};
