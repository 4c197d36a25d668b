/**
 * Finds every process that belongs to one agent, including ones that left its process group:
 * on Linux each process inherits SWITCHYARD_AGENT_ID in its environment, which /proc exposes.
 * Elsewhere only the process group is checked.
 */
import fs from 'node:fs';

/** Whether the pid exists and is not a zombie (a dead process whose parent has not reaped it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

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

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), so that a
 * pid the kernel reused for another program is not mistaken for the agent. Null where unknown.
 */
export function processStartTime(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const value = Number(fields[22 - 3]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whether the process that had this pid and start time still runs. */
export function isSameProcessAlive(pid: number, startTime: number | null): boolean {
  if (!isAlive(pid)) return false;
  if (startTime === null) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}
