/**
 * CPU, memory and scheduling figures of processes and of the whole machine, read from /proc
 * (Linux). Used by the scale suite to put a number on what a run cost, process by process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** A process's own CPU seconds and those of its children it has waited for (reaped), from /proc/<pid>/stat. */
export interface ProcessCpu {
  /** user + system of the process itself. */
  self: number;
  /** user + system of its reaped children (and, recursively, of theirs): cutime + cstime. */
  children: number;
}

/** Fields of /proc/<pid>/stat from field 3 on (after the command name, which may hold spaces), or null once gone. */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU of a process (zero once it is gone: read it before it exits). */
export function processCpu(pid: number | 'self'): ProcessCpu {
  const f = statFields(pid);
  if (!f) return { self: 0, children: 0 };
  // utime, stime, cutime, cstime are fields 14–17 of the file, 12–15 here.
  return {
    self: (Number(f[11]) + Number(f[12])) / CLOCK_TICKS,
    children: (Number(f[13]) + Number(f[14])) / CLOCK_TICKS,
  };
}

/** CPU seconds (user + system) the process itself has used. */
export const cpuSeconds = (pid: number): number => processCpu(pid).self;

/** Every live process under `root` (not `root` itself), from the parent pids in /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (!f) continue;
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * All CPU a process tree has used: the root's own and reaped children's, plus every live
 * descendant's own and reaped children's. Processes that were orphaned (re-parented away) are
 * missed; a process that exits between the two reads is counted once its parent reaps it.
 */
export function treeCpuSeconds(root: number): number {
  let total = 0;
  for (const pid of [root, ...descendants(root)]) {
    const cpu = processCpu(pid);
    total += cpu.self + cpu.children;
  }
  return total;
}

/** The process's short command name (/proc/<pid>/comm), or '' once gone. */
export function commandName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Seconds the process's main thread (the core's event loop) has waited on a run queue for a
 * core, from /proc/<pid>/schedstat: time it was ready to run but every core was busy.
 */
export function runQueueWaitSeconds(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** Busy and total CPU seconds of the whole machine (every process, ours and others', all cores), from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait are not busy; guest time is already inside user.
  const guest = (fields[8] ?? 0) + (fields[9] ?? 0);
  return { busy: (total - guest - fields[3]! - fields[4]!) / CLOCK_TICKS, total: (total - guest) / CLOCK_TICKS };
}

/** Resident memory of a process now. */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}
