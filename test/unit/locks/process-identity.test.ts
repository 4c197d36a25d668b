/** Telling an agent's process from another that got the same pid. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  isPidAlive,
  isSameProcessAlive,
  parseProcStatStartTime,
  processStartTimeOf,
  readProcessIdentity,
} from '../../../src/core/locks/process-identity';

const onLinux = process.platform === 'linux';

/** A pid that existed a moment ago and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('parseProcStatStartTime', () => {
  it('reads field 22, even when the command name has spaces and parentheses', () => {
    const after = ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 4)), '987654', '0', '0'];
    expect(parseProcStatStartTime(`4242 (my (odd) name) ${after.join(' ')}`)).toBe(987654);
  });

  it('returns null for text that is not a stat line', () => {
    expect(parseProcStatStartTime('')).toBeNull();
    expect(parseProcStatStartTime('12 (x) S 1 2')).toBeNull();
  });
});

describe('process identity', () => {
  it.runIf(onLinux)('reads this process’s start time from /proc and recognises it', () => {
    const identity = readProcessIdentity(process.pid);
    expect(identity).toEqual({ pid: process.pid, startTime: expect.any(Number) });
    expect(identity!.startTime).toBe(processStartTimeOf(process.pid));
    expect(isSameProcessAlive(identity!)).toBe(true);
  });

  it.runIf(onLinux)('does not mistake another process with the same pid (other start time) for it', () => {
    const identity = readProcessIdentity(process.pid)!;
    expect(isSameProcessAlive({ pid: identity.pid, startTime: identity.startTime! + 1 })).toBe(false);
  });

  it('knows a finished process is gone', () => {
    const pid = deadPid();
    expect(isPidAlive(pid)).toBe(false);
    expect(readProcessIdentity(pid)).toBeNull();
    expect(isSameProcessAlive({ pid, startTime: null })).toBe(false);
  });

  it('refuses nonsense pids and falls back to the pid alone where start times are unknown', () => {
    expect(isPidAlive(0)).toBe(false);
    expect(isPidAlive(-5)).toBe(false);
    expect(processStartTimeOf(1.5)).toBeNull();
    expect(processStartTimeOf(process.pid, 'win32')).toBeNull();
    expect(isSameProcessAlive({ pid: process.pid, startTime: null })).toBe(true);
  });
});
