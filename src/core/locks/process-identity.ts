/**
 * Which process an agent is: its pid plus the moment that process started. Pids are reused by
 * the kernel, so a lease checked by pid alone could be kept alive by an unrelated program that
 * happened to get the dead agent's number.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /**
   * Opaque start time, compared only for equality on the same machine: clock ticks since boot on
   * Linux, epoch milliseconds from `ps` elsewhere, null where the platform cannot tell (Windows).
   */
  startTime: number | null;
}

/** Field 22 of /proc/<pid>/stat is `starttime`; fields are 1-based in proc(5). */
const PROC_STAT_START_TIME_FIELD = 22;
/** Fields after the parenthesised command name start at field 3 (the name may contain spaces). */
const PROC_STAT_FIRST_FIELD_AFTER_NAME = 3;
/** `ps` answers in a few ms; a wedged one must not stall the lock table's sweep. */
const PS_TIMEOUT_MS = 2_000;

/** Parses the start time out of the text of /proc/<pid>/stat; null when the text is not one. */
export function parseProcStatStartTime(stat: string): number | null {
  const nameEnd = stat.lastIndexOf(')');
  if (nameEnd < 0) return null;
  const fields = stat.slice(nameEnd + 2).trim().split(/\s+/);
  const raw = fields[PROC_STAT_START_TIME_FIELD - PROC_STAT_FIRST_FIELD_AFTER_NAME];
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function linuxStartTime(pid: number): number | null {
  try {
    return parseProcStatStartTime(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** macOS and the BSDs have no /proc; `ps -o lstart=` prints the start as a date (to the second). */
function psStartTime(pid: number): number | null {
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: PS_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const ms = Date.parse(out);
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

export function processStartTimeOf(pid: number, platform: NodeJS.Platform = process.platform): number | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (platform === 'linux') return linuxStartTime(pid);
  if (platform === 'win32') return null;
  return psStartTime(pid);
}

/**
 * Whether some process with this pid runs (EPERM means it exists but belongs to someone else).
 * A zombie (dead, not yet reaped by its parent) does not count: after a crash, agents' processes
 * can linger as zombies of a parent that is gone.
 */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** Field 5 of /proc/<pid>/stat is the process group id. */
const PROC_STAT_PGRP_FIELD = 5;

/** The process group id out of the text of /proc/<pid>/stat; null when the text is not one. */
export function parseProcStatGroup(stat: string): number | null {
  const nameEnd = stat.lastIndexOf(')');
  if (nameEnd < 0) return null;
  const raw = stat.slice(nameEnd + 2).trim().split(/\s+/)[PROC_STAT_PGRP_FIELD - PROC_STAT_FIRST_FIELD_AFTER_NAME];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Linux: state Z in /proc/<pid>/stat (the field right after the parenthesised command name). */
export function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

/** The identity of a running process, or null when no process has this pid. */
export function readProcessIdentity(pid: number): ProcessIdentity | null {
  if (!isPidAlive(pid)) return null;
  return { pid, startTime: processStartTimeOf(pid) };
}

/**
 * Whether the process this identity names still runs. Without a recorded start time, or where the
 * platform cannot read one now, the pid alone decides (the best the platform allows).
 */
export function isSameProcessAlive(identity: ProcessIdentity): boolean {
  if (!isPidAlive(identity.pid)) return false;
  if (identity.startTime === null) return true;
  const now = processStartTimeOf(identity.pid);
  return now === null || now === identity.startTime;
}
