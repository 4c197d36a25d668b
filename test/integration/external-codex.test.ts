/**
 * A real Codex started outside Switchyard (native binary in a pty, its own CODEX_HOME against the
 * scripted model): `switchyard stop --pid` stops it, with and without a Switchyard running, and
 * refuses pids that are not such a process; its write into a file a managed agent claimed is
 * attributed to it (unmanaged) and reported as an overlap whose first action is to stop it.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { startOutsideCodex, type OutsideCodex } from '../harness/outside-codex';
import { isAlive, processesOfAgent, waitFor } from '../harness/processes';
import { APP_ROOT, cliEnv, runCli, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** A model answer slow enough that Codex stays busy (and alive) for the whole test. */
const BUSY_FOR_MS = 120_000;

interface ReviewJson {
  groups: Array<{ agentId: string | null; name: string; files: Array<{ path: string; unmanagedPid?: number }> }>;
  conflicts: Array<{
    id: string;
    kind: string;
    severity: string;
    agents: Array<string | null>;
    summary: string;
    recommendation: string;
    actions: Array<{ type: string; pid?: number }>;
  }>;
}

describe('a Codex running outside Switchyard', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  const started: OutsideCodex[] = [];
  let serve: ServeProcess | null = null;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(APP_ROOT, 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first');
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
  });
  afterEach(async () => {
    await serve?.stop();
    serve = null;
    await Promise.all(started.splice(0).map((codex) => codex.kill()));
    repo?.remove();
  });
  afterAll(async () => {
    await model?.close();
    home?.remove();
  });

  it('is stopped by `switchyard stop --pid` when no Switchyard runs, and other pids are refused', async () => {
    repo = makeTempRepo();
    model.script('lone', [{ kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    const outside = startOutsideCodex({ cwd: repo.dir, repo: repo.dir, task: 'tidy up [scenario:lone]', home });
    started.push(outside);
    await waitFor(() => model.requestCount('lone') > 0, 'the outside Codex to ask the model');
    const env = cliEnv();

    // An agent or a pid, exactly one of them.
    const neither = await runCli(env, ['stop', '--repo', repo.dir]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--pid PID');
    const both = await runCli(env, ['stop', 'some-agent', '--pid', String(outside.pid), '--repo', repo.dir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');

    // This test's own process is no Codex: refused, and still running.
    const notCodex = await runCli(env, ['stop', '--pid', String(process.pid), '--repo', repo.dir]);
    expect(notCodex.code).toBe(1);
    expect(notCodex.stderr).toContain(`pid ${process.pid} is not a Codex process`);

    // The same Codex, asked for through another repository: refused, and left running.
    const elsewhere = makeTempRepo();
    try {
      const wrongRepo = await runCli(env, ['stop', '--pid', String(outside.pid), '--repo', elsewhere.dir]);
      expect(wrongRepo.code).toBe(1);
      expect(wrongRepo.stderr).toContain(`working in ${repo.dir}, not in ${elsewhere.dir}`);
    } finally {
      elsewhere.remove();
    }
    expect(isAlive(outside.pid)).toBe(true);

    const stopped = await runCli(env, ['stop', '--pid', String(outside.pid), '--repo', repo.dir, '--json']);
    expect(stopped.stderr).toBe('');
    expect(stopped.code).toBe(0);
    const report = JSON.parse(stopped.stdout) as { pid: number; outcome: string; signals: string[]; message: string };
    expect(report.pid).toBe(outside.pid);
    expect(['terminated', 'killed']).toContain(report.outcome);
    expect(report.signals[0]).toBe('SIGTERM');
    expect(report.message).toMatch(new RegExp(`^Codex pid ${outside.pid} (ended after SIGTERM|was killed with SIGKILL)`));
    await outside.exited;
    expect(isAlive(outside.pid)).toBe(false);

    const again = await runCli(env, ['stop', '--pid', String(outside.pid), '--repo', repo.dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`pid ${outside.pid} is not a Codex process (or no longer runs)`);
  });

  it("writing a file a managed agent claimed is an unmanaged overlap, and `switchyard stop --pid` through Switchyard ends it", async () => {
    repo = makeTempRepo();
    model.script('owner', [{ kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    model.script('intruder', [addFileStep('shared.txt', 'written outside Switchyard'), { kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', 'owner', '--task', 'own the shared file [scenario:owner]', '--claim', 'shared.txt', '--json');
    expect(launched.code).toBe(0);
    const { id } = JSON.parse(launched.stdout) as { id: string };
    await waitFor(() => processesOfAgent(id).length > 0, 'the managed agent to start');

    const outside = startOutsideCodex({ cwd: repo.dir, repo: repo.dir, task: 'write the shared file [scenario:intruder]', home });
    started.push(outside);
    await waitFor(() => fs.existsSync(path.join(repo.dir, 'shared.txt')), 'the outside Codex to write shared.txt');

    // Switchyard finds the process on its next scan and reads its rollout log: the write is its.
    const conflictId = `overlap:unmanaged:${outside.pid}:shared.txt`;
    const review = await waitFor(async () => {
      const result = await serve!.cli('review', '--repo', repo.dir, '--json');
      if (result.code !== 0) throw new Error(`review failed: ${result.stderr}`);
      const parsed = JSON.parse(result.stdout) as ReviewJson;
      return parsed.conflicts.some((c) => c.id === conflictId) ? parsed : null;
    }, 'the unmanaged overlap to be reported', 60_000, 500);
    const conflict = review.conflicts.find((c) => c.id === conflictId)!;
    expect(conflict).toMatchObject({ kind: 'overlap', severity: 'critical', agents: [id, null] });
    expect(conflict.summary).toContain(`unmanaged Codex (pid ${outside.pid})`);
    expect(conflict.summary).toContain('shared.txt is held by agent "owner"');
    expect(conflict.recommendation).toContain(`switchyard stop --pid ${outside.pid}`);
    expect(conflict.actions[0]).toMatchObject({ type: 'stop-process', pid: outside.pid });
    // The write is the outside Codex's, in the review too: not the agent's, not the user's.
    expect(review.groups.find((g) => g.name === `unmanaged Codex (pid ${outside.pid})`)?.files).toEqual([
      expect.objectContaining({ path: 'shared.txt', unmanagedPid: outside.pid }),
    ]);
    expect(review.groups.filter((g) => g.agentId === id)).toEqual([]);
    // No conflict blames the managed agent for the write.
    expect(review.conflicts.filter((c) => c.kind === 'violation')).toEqual([]);

    // The managed agent's own Codex is refused; the outside one is stopped.
    const { agents } = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as { agents: Array<{ id: string; pid: number }> };
    const managedPid = agents.find((a) => a.id === id)!.pid;
    const refused = await serve.cli('stop', '--pid', String(managedPid), '--repo', repo.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`switchyard stop ${id}`);
    expect(isAlive(managedPid)).toBe(true);

    const stopped = await serve.cli('stop', '--pid', String(outside.pid), '--repo', repo.dir);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`Codex pid ${outside.pid} (ended after SIGTERM|was killed with SIGKILL)`));
    await outside.exited;
    expect(isAlive(outside.pid)).toBe(false);
  });
});
