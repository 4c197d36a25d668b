/** The monitor snapshot: which Codex processes are in the repository, which are managed, and duplicates. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonitorSnapshot, snapshotOfOpenRepo } from '../../../src/core/scan/monitor-snapshot';
import type { CodexScanSources } from '../../../src/core/scan/codex-scan';
import { AgentSchema, type Agent, type AgentStatus } from '../../../src/shared/domain';
import { parseLsofCwds } from '../../../src/core/scan/process-details';

const NATIVE = '/usr/lib/codex/bin/codex';

describe('buildMonitorSnapshot', () => {
  let repo: string;
  let other: string;

  beforeAll(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-snap-repo-')));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    other = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-snap-other-')));
    fs.mkdirSync(path.join(other, '.git'));
    fs.writeFileSync(path.join(other, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  /** pid → [cwd or null, prompt, SWITCHYARD_AGENT_ID, launcher pid]. */
  function machine(table: Record<number, [string | null, string, string | null, number?]>): CodexScanSources {
    const rows = Object.entries(table).flatMap(([pid, [, task, , launcher]]) => {
      const native = { pid: Number(pid), ppid: launcher ?? 1, name: 'codex', path: NATIVE, cmd: `${NATIVE} ${task}` };
      const node = launcher ? [{ pid: launcher, ppid: 1, name: 'node', cmd: `node /usr/bin/codex ${task}` }] : [];
      return [native, ...node];
    });
    const entry = (pid: number) => table[pid];
    return {
      selfPid: 1,
      listProcesses: async () => rows,
      details: {
        argv: (pid) => {
          const row = rows.find((r) => r.pid === pid)!;
          return row.name === 'node' ? ['node', '/usr/bin/codex', '--', row.cmd.split(' ').slice(2).join(' ')] : [NATIVE, '--', entry(pid)![1]];
        },
        agentId: (pid) => entry(pid)?.[2] ?? null,
        cwds: async (pids) => new Map(pids.flatMap((pid) => (entry(pid)?.[0] ? [[pid, entry(pid)![0]!] as const] : []))),
      },
    };
  }

  const managedAgent = (id: string, pid: number, task: string, status: AgentStatus = 'working'): Agent =>
    AgentSchema.parse({
      id, name: id, task, status, pid, repo, claims: [], cols: 80, rows: 24,
      startedAt: '2026-01-01T00:00:00Z', endedAt: null, exitCode: null, detail: null,
    });

  it('keeps the processes of this repository, counts the others, and marks which are managed', async () => {
    const snapshot = await buildMonitorSnapshot(
      repo,
      [managedAgent('by-env', 11, 'task one'), managedAgent('by-pid', 12, 'task two'), managedAgent('by-launcher', 13, 'task three'), managedAgent('gone', 14, 'old task', 'exited')],
      machine({
        11: [repo, 'task one', 'by-env'],
        12: [repo, 'task two', null],
        13: [repo, 'task three', null, 130],
        14: [repo, 'old task', 'gone'],
        15: [repo, 'my own task', null],
        16: [other, 'elsewhere', null],
        17: [null, 'hidden', null],
      }),
    );
    expect(snapshot.repo).toBe(repo);
    expect(snapshot.discovered.map((p) => [p.pid, p.managed])).toEqual([
      [11, true],
      [12, true],
      [13, true],
      [14, false],
      [15, false],
    ]);
    expect(snapshot.discovered.find((p) => p.pid === 14)!.agentId).toBe('gone');
    expect(snapshot.otherFolders).toBe(1);
    expect(snapshot.unknownFolder).toBe(1);
    expect(snapshot.managed.map((a) => a.id)).toEqual(['by-env', 'by-pid', 'by-launcher', 'gone']);
    expect(snapshot.duplicates).toEqual([]);
    expect(snapshot.scanError).toBeNull();
  });

  it('finds an outside Codex repeating a managed agent, but not the agent\'s own process', async () => {
    const snapshot = await buildMonitorSnapshot(
      repo,
      [managedAgent('inv', 21, 'add inventory endpoints')],
      machine({ 21: [repo, 'add inventory endpoints', 'inv'], 22: [repo, 'Add inventory endpoints!', null] }),
    );
    expect(snapshot.duplicates.map((d) => d.agents)).toEqual([['inv', 'pid:22']]);
  });

  it('refuses to monitor when no repository is open', () => {
    expect(() => snapshotOfOpenRepo(null, [])).toThrow(/Open a repository/);
  });
});

describe('parseLsofCwds', () => {
  it('reads the pid and name lines of lsof -Fn', () => {
    expect(parseLsofCwds('p101\nfcwd\nn/Users/me/repo\np202\nfcwd\nn/tmp/with space\n')).toEqual(
      new Map([
        [101, '/Users/me/repo'],
        [202, '/tmp/with space'],
      ]),
    );
  });
});
