/** Which Codex processes change tracking is told about: this repository's, not managed ones, with their rollout logs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodexScanSources } from '../../../src/core/scan/codex-scan';
import { UnmanagedCodexWatch, type UnmanagedCodex } from '../../../src/core/scan/unmanaged-codex-watch';
import { openRolloutFile } from '../../../src/core/scan/open-rollout';
import { AgentSchema } from '../../../src/shared/domain';

const NATIVE = '/usr/lib/codex/bin/codex';
const STARTED = new Date('2026-12-01T10:00:00Z');

describe('UnmanagedCodexWatch', () => {
  let repo: string;
  let other: string;
  beforeAll(() => {
    [repo, other] = ['repo', 'other'].map((name) => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `sy-watch-${name}-`)));
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      return dir;
    }) as [string, string];
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('reports the unmanaged Codex processes of its repository only, with start time and rollout log', async () => {
    const cwd: Record<number, string> = { 10: repo, 11: other, 12: repo };
    const sources: CodexScanSources = {
      selfPid: 1,
      listProcesses: async () => [10, 11, 12].map((pid) => ({ pid, ppid: 1, name: 'codex', path: NATIVE, cmd: `${NATIVE} go`, startTime: STARTED })),
      details: { argv: () => [NATIVE, 'go'], agentId: (pid) => (pid === 12 ? 'ada' : null), cwds: async (pids) => new Map(pids.map((p) => [p, cwd[p]!] as const)) },
    };
    const ada = AgentSchema.parse({ id: 'ada', name: 'Ada', task: 't', status: 'working', pid: 12, repo, claims: [], cols: 80, rows: 24, startedAt: STARTED.toISOString(), endedAt: null, exitCode: null, detail: null });
    const reports: UnmanagedCodex[][] = [];
    const watch = new UnmanagedCodexWatch({
      repo,
      managed: () => [ada],
      onProcesses: (processes) => reports.push(processes),
      sources,
      rolloutOf: (pid) => `/home/u/.codex/sessions/2026/12/01/rollout-${pid}.jsonl`,
      intervalMs: 60_000,
    });
    await watch.scanNow();
    await watch.dispose();
    expect(reports[0]).toEqual([{ pid: 10, since: STARTED.getTime(), startedAt: STARTED.toISOString(), rolloutPath: '/home/u/.codex/sessions/2026/12/01/rollout-10.jsonl' }]);
  });

  it.runIf(process.platform === 'linux')('finds the rollout log a process holds open (Linux)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-rollout-'));
    const sessions = path.join(dir, 'sessions');
    fs.mkdirSync(sessions);
    const file = path.join(sessions, 'rollout-2026-12-01T10-00-00-abc.jsonl');
    const fd = fs.openSync(file, 'a');
    try {
      expect(openRolloutFile(process.pid)).toBe(file);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(openRolloutFile(process.pid)).toBeNull();
  });
});
