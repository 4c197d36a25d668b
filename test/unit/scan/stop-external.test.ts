/**
 * Stopping a Codex outside Switchyard on a fake machine: who may be stopped, the order of signals,
 * and that a pid that changed hands is never signalled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodexScanSources } from '../../../src/core/scan/codex-scan';
import type { ProcessRow } from '../../../src/core/scan/process-list';
import { stopExternalCodex, type StopExternalDeps } from '../../../src/core/scan/stop-external';
import type { ProcessIdentity } from '../../../src/core/locks/process-identity';
import { AgentSchema } from '../../../src/shared/domain';
import { SwitchyardError } from '../../../src/shared/result';

const NATIVE = '/usr/lib/codex/bin/codex';

describe('stopExternalCodex', () => {
  let repo: string;
  let other: string;
  beforeAll(() => {
    for (const name of ['repo', 'other']) {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `sy-stop-${name}-`)));
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      if (name === 'repo') repo = dir;
      else other = dir;
    }
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  interface FakeProcess {
    cwd: string;
    agentId?: string;
    /** Signals it ignores. */
    ignores?: Array<'SIGTERM' | 'SIGKILL'>;
    codex?: boolean;
  }

  /** A machine whose processes end on the signals they do not ignore; every signal is recorded. */
  function machine(table: Record<number, FakeProcess>, options: { graceMs?: number } = {}) {
    const alive = new Map(Object.keys(table).map((pid) => [Number(pid), 1]));
    const sent: Array<[number, string]> = [];
    const rows = (): ProcessRow[] =>
      [...alive.keys()].map((pid) => ({ pid, ppid: 1, name: table[pid]!.codex === false ? 'bash' : 'codex', path: table[pid]!.codex === false ? '/bin/bash' : NATIVE, cmd: `${NATIVE} fix it` }));
    const sources: CodexScanSources = {
      selfPid: 1,
      listProcesses: async () => rows(),
      details: {
        argv: (pid) => (table[pid]!.codex === false ? ['/bin/bash'] : [NATIVE, '--', 'fix it']),
        agentId: (pid) => table[pid]?.agentId ?? null,
        cwds: async (pids) => new Map(pids.map((pid) => [pid, table[pid]!.cwd] as const)),
      },
    };
    const deps: StopExternalDeps = {
      sources,
      identify: (pid) => (alive.has(pid) ? { pid, startTime: alive.get(pid)! } : null),
      isSame: (identity: ProcessIdentity) => alive.get(identity.pid) === identity.startTime,
      signal: (pid, signal) => {
        sent.push([pid, signal]);
        if (!table[pid]!.ignores?.includes(signal)) alive.delete(pid);
      },
      groupOf: () => null,
      sleep: async () => undefined,
      graceMs: options.graceMs ?? 200,
      killWaitMs: 100,
    };
    /** Another program gets `pid`: same number, new start time. */
    const reuse = (pid: number): void => void alive.set(pid, (alive.get(pid) ?? 0) + 1);
    return { deps, sent, alive, reuse };
  }

  it('sends SIGTERM and reports that the process ended', async () => {
    const { deps, sent, alive } = machine({ 10: { cwd: repo } });
    const report = await stopExternalCodex(repo, 10, { managed: [] }, deps);
    expect(report).toMatchObject({ pid: 10, outcome: 'terminated', signals: ['SIGTERM'] });
    expect(report.message).toBe('Codex pid 10 ended after SIGTERM.');
    expect(sent).toEqual([[10, 'SIGTERM']]);
    expect(alive.has(10)).toBe(false);
  });

  it('sends SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const { deps, sent } = machine({ 10: { cwd: repo, ignores: ['SIGTERM'] } });
    const report = await stopExternalCodex(repo, 10, { managed: [] }, deps);
    expect(report).toMatchObject({ outcome: 'killed', signals: ['SIGTERM', 'SIGKILL'] });
    expect(sent).toEqual([[10, 'SIGTERM'], [10, 'SIGKILL']]);
  });

  it('with force, sends SIGKILL alone; and says so when even that does not end it', async () => {
    const forced = machine({ 10: { cwd: repo } });
    expect(await stopExternalCodex(repo, 10, { managed: [], force: true }, forced.deps)).toMatchObject({ outcome: 'killed', signals: ['SIGKILL'] });
    const stuck = machine({ 11: { cwd: repo, ignores: ['SIGTERM', 'SIGKILL'] } });
    expect(await stopExternalCodex(repo, 11, { managed: [] }, stuck.deps)).toMatchObject({ outcome: 'survived', signals: ['SIGTERM', 'SIGKILL'] });
  });

  it('refuses a pid that is not Codex, one working in another folder, and a managed agent, signalling none', async () => {
    const { deps, sent } = machine({ 10: { cwd: repo, codex: false }, 11: { cwd: other }, 12: { cwd: repo, agentId: 'ada' } });
    const managed = [AgentSchema.parse({ id: 'ada', name: 'Ada', task: 't', status: 'working', pid: 12, repo, claims: [], cols: 80, rows: 24, startedAt: new Date().toISOString(), endedAt: null, exitCode: null, detail: null })];
    await expect(stopExternalCodex(repo, 10, { managed }, deps)).rejects.toThrow('pid 10 is not a Codex process');
    await expect(stopExternalCodex(repo, 11, { managed }, deps)).rejects.toThrow(`working in ${other}, not in ${repo}`);
    await expect(stopExternalCodex(repo, 12, { managed }, deps)).rejects.toThrow('switchyard stop ada');
    await expect(stopExternalCodex(repo, 99, { managed }, deps)).rejects.toBeInstanceOf(SwitchyardError);
    expect(sent).toEqual([]);
  });

  it('never signals a pid that changed hands while it was being identified', async () => {
    const { deps, sent, reuse } = machine({ 10: { cwd: repo } });
    const list = deps.sources.listProcesses;
    deps.sources.listProcesses = async () => {
      const rows = await list();
      reuse(10);
      return rows;
    };
    await expect(stopExternalCodex(repo, 10, { managed: [] }, deps)).rejects.toThrow('ended (or changed) while it was being identified');
    expect(sent).toEqual([]);
  });

  it('does not send SIGKILL to a pid that another program took after SIGTERM', async () => {
    const { deps, sent, reuse } = machine({ 10: { cwd: repo, ignores: ['SIGTERM'] } });
    const signal = deps.signal;
    deps.signal = (pid, name) => {
      signal(pid, name);
      if (name === 'SIGTERM') reuse(10);
    };
    const report = await stopExternalCodex(repo, 10, { managed: [] }, deps);
    expect(report.outcome).toBe('terminated');
    expect(sent).toEqual([[10, 'SIGTERM']]);
  });
});
