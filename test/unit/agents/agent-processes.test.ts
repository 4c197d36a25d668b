import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { groupProcesses, isGroupAlive } from '../../../src/core/agents/agent-processes';
import { parseProcStatGroup } from '../../../src/core/locks/process-identity';

const linux = process.platform === 'linux';
const spawned: number[] = [];

afterEach(() => {
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

describe('process groups', () => {
  it('reads the group id out of /proc/<pid>/stat, whatever the command name holds', () => {
    expect(parseProcStatGroup('4242 (co) dex (x)) S 1 4240 4240 0 -1')).toBe(4240);
    expect(parseProcStatGroup('not a stat line')).toBeNull();
  });

  it.runIf(linux)('leaves a zombie out of the group, so a killed agent is not called a survivor', async () => {
    // sh forks `true`, then becomes `sleep`, which never waits: `true` stays a zombie in the group.
    const child = spawn('sh', ['-c', 'true & exec sleep 30'], { detached: true, stdio: 'ignore' });
    const pid = child.pid ?? 0;
    spawned.push(pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(groupProcesses(pid)).toEqual([pid]);
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await expect.poll(() => isGroupAlive(pid)).toBe(false);
  });
});
