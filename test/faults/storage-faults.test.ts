/**
 * Storage faults under a real `switchyard serve`:
 * - `.agents/` on a full disk (a tiny tmpfs filled to ENOSPC) and on a read-only one (the tmpfs
 *   remounted ro: EROFS, which stops root too, unlike chmod): the user hears about it (a
 *   `problem` notification naming the file), the host keeps answering, what was saved before
 *   stays whole and parseable, no temp files are left behind, and once the fault clears the next
 *   save writes the current state, including what changed during the fault.
 * - fencing tokens on a full disk: a grant that cannot make its token reservation durable is
 *   refused with an error naming the file, and after a kill -9 and a restart no token granted
 *   before is handed out again.
 * - the repository folder deleted under a running serve (with an agent in it): the host stays
 *   up and says what happened, and `switchyard status` and `switchyard cleanup` still reach it.
 * Scenarios this machine cannot make real (no tmpfs mounts without CAP_SYS_ADMIN) are skipped
 * with the reason printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs, withTimeout, type HostWsClient } from '../harness/host-clients';
import { mountSmallDisk, storageFaultSupport, type SmallDisk } from '../harness/fault-fs';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';
import { faultCounts, printCounts } from './fault-report';

const support = storageFaultSupport();
if (!support.ok) console.log(`storage faults on .agents/ skipped: ${support.reason}`);

interface Answer<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

interface Notification {
  kind: string;
  title: string;
  body: string;
}

/** The registry as saved, or null while it is not there yet. */
function savedRegistry(repo: TempRepo): { settings: { maxConcurrent: number }; locks?: unknown } | null {
  try {
    return registryOf(repo);
  } catch {
    return null;
  }
}

/** Settings from orchestrator.json; `locks`: the lock table's saved text, its snapshot and the journal of changes after it. */
function registryOf(repo: TempRepo): { settings: { maxConcurrent: number }; locks?: unknown } {
  const registry = JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8')) as { settings: { maxConcurrent: number } };
  const text = (file: string): string => (fs.existsSync(path.join(repo.dir, '.agents', file)) ? fs.readFileSync(path.join(repo.dir, '.agents', file), 'utf8') : '');
  return { ...registry, locks: text('locks.json') + text('locks.jsonl') };
}

/** Temp files an interrupted atomic write would leave (write-file-atomic names them `<file>.<hash>`). */
function leftovers(repo: TempRepo): string[] {
  return fs.readdirSync(path.join(repo.dir, '.agents')).filter((f) => /^(orchestrator|fencing-tokens|locks)\.json\../.test(f) && !f.includes('.corrupt-'));
}

const problems = (ws: HostWsClient): Notification[] =>
  ws.events.filter((e) => e.name === 'notification' && (e.payload as Notification).kind === 'problem').map((e) => e.payload as Notification);

describe('storage faults under a running serve', () => {
  let model: ModelServer;
  let home: CodexHome;
  let env: NodeJS.ProcessEnv;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    model = await startModelServer();
    model.script('storage-holder', [{ kind: 'message', text: 'holding', delayMs: 600_000 }]);
    home = makeCodexHome(model.baseUrl);
    env = { ...home.env, CODEX_HOME: home.dir };
  });
  /** What each serve of the current test printed on stderr, shown when the test fails. */
  const stderrs: Array<{ serve: ServeProcess; text: string }> = [];
  const watched = (serve: ServeProcess): ServeProcess => {
    const entry = { serve, text: '' };
    stderrs.push(entry);
    serve.child.stderr!.on('data', (d: Buffer) => (entry.text += d.toString()));
    return serve;
  };
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const { serve, text } of stderrs) {
        console.log(`serve pid ${serve.child.pid} (exit ${serve.child.exitCode ?? serve.child.signalCode ?? 'none'}) stderr:\n${text.slice(-3000)}`);
      }
    }
    stderrs.length = 0;
    // Last in, first out: the host stops before its disk is unmounted and its repo removed.
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  afterAll(async () => {
    printCounts('storage-faults');
    await model?.close();
    home?.remove();
  });

  /** A repo whose `.agents/` is a `sizeKb` tmpfs, and a serve on it with a WebSocket client. */
  async function servedOnSmallDisk(sizeKb = 512): Promise<{ repo: TempRepo; disk: SmallDisk; serve: ServeProcess; ws: HostWsClient }> {
    const repo = makeTempRepo();
    cleanups.push(() => repo.remove());
    const disk = mountSmallDisk(path.join(repo.dir, '.agents'), sizeKb);
    cleanups.push(() => disk.unmount());
    const serve = watched(await startServe(repo.dir, cliEnv(env)));
    cleanups.push(() => serve.stop());
    const ws = await connectWs(serve);
    cleanups.push(() => ws.close());
    return { repo, disk, serve, ws };
  }

  const faults = [
    { kind: 'a full disk (ENOSPC)', inject: (d: SmallDisk) => void d.fill(), clear: (d: SmallDisk) => d.drain(), errno: 'ENOSPC' },
    { kind: 'a read-only disk (EROFS)', inject: (d: SmallDisk) => d.readOnly(true), clear: (d: SmallDisk) => d.readOnly(false), errno: 'EROFS' },
  ];

  for (const fault of faults) {
    it.skipIf(!support.ok)(`.agents/ on ${fault.kind}: a clear problem, the host stays up, nothing saved is lost, the next save succeeds`, async () => {
      faultCounts.runs++;
      const { repo, disk, serve, ws } = await servedOnSmallDisk();

      // A saved state to lose: settings and a claim (its token reservation is made now).
      expect(((await ws.invoke('settings.set', { maxConcurrent: 2 })) as Answer).ok).toBe(true);
      const claimed = (await ws.invoke('locks.claim', { patterns: ['before.txt'] })) as Answer<{ granted: Array<{ token: number }> }>;
      expect(claimed.value.granted).toHaveLength(1);
      await waitFor(() => {
        const r = savedRegistry(repo);
        return r && r.settings.maxConcurrent === 2 && JSON.stringify(r.locks).includes('before.txt');
      }, 'the state before the fault to be saved');
      await new Promise((resolve) => setTimeout(resolve, 500)); // Any save still under way lands first.
      const saved = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8');

      fault.inject(disk);
      faultCounts.faultsInjected++;

      // Changes the registry must save: a setting over the WebSocket, a claim through the CLI.
      const set = (await ws.invoke('settings.set', { maxConcurrent: 3 })) as Answer;
      expect(set.ok).toBe(true);
      const lock = await serve.cli('lock', 'during.txt', '--repo', repo.dir);
      expect(lock.code, lock.stderr).toBe(0);

      // The user is told, with the file and the reason.
      const problem = await waitFor(() => problems(ws).find((p) => p.body.includes('orchestrator.json')), 'a problem notification naming the registry', 15_000);
      expect(problem.body).toContain(fault.errno);
      expect(problem.title).toMatch(/could not save/i);

      // The host still answers; the file on disk is the last good one, whole; no temp files are left.
      expect((await ws.invoke('repo.get', {})) as Answer).toEqual({ ok: true, value: { repo: repo.dir } });
      expect(fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8')).toBe(saved);
      expect(registryOf(repo).settings.maxConcurrent).toBe(2);
      expect(leftovers(repo)).toEqual([]);

      // The fault clears: the next save writes everything, including what changed during the fault.
      fault.clear(disk);
      expect(((await ws.invoke('settings.set', { maxConcurrent: 5 })) as Answer).ok).toBe(true);
      await waitFor(() => {
        const r = savedRegistry(repo);
        return r && r.settings.maxConcurrent === 5 && JSON.stringify(r.locks).includes('during.txt');
      }, 'the save after the fault to write the current state');
      expect(leftovers(repo)).toEqual([]);
      expect(serve.child.exitCode).toBeNull();
    });
  }

  it.skipIf(!support.ok)('fencing tokens on a full disk: a grant without a durable reservation is refused; none is reused after kill -9', async () => {
    faultCounts.runs++;
    const { repo, disk, serve, ws } = await servedOnSmallDisk();
    // No claim yet in this process: the first grant must reserve a block of tokens on disk first.
    disk.fill();
    faultCounts.faultsInjected++;
    const tokensBefore: number[] = [];
    for (const pattern of ['first.txt', 'second.txt', 'third.txt']) {
      const r = (await ws.invoke('locks.claim', { patterns: [pattern] })) as Answer<{
        granted: Array<{ token: number }>;
        refused: Array<{ pattern: string; reason: string }>;
      }>;
      const why = r.ok ? r.value.refused.map((x) => x.reason).join('; ') : r.error!.message;
      if (r.ok) tokensBefore.push(...r.value.granted.map((g) => g.token));
      // Refused, saying which file could not be written and why.
      expect(why).toContain('fencing-tokens.json');
      expect(why).toContain('ENOSPC');
    }
    const cli = await serve.cli('lock', 'by-cli.txt', '--repo', repo.dir);
    expect(cli.code).not.toBe(0);
    expect(cli.stdout + cli.stderr).toContain('fencing-tokens.json');
    expect(tokensBefore, 'tokens granted without a durable reservation').toEqual([]);

    // Crash while the disk is still full, then restart with room.
    serve.child.kill('SIGKILL');
    faultCounts.faultsInjected++;
    await withTimeout(new Promise((resolve) => serve.child.once('exit', resolve)), 15_000, 'serve to die');
    ws.close();
    disk.drain();
    const again = watched(await startServe(repo.dir, cliEnv(env)));
    cleanups.push(() => again.stop());
    const ws2 = await connectWs(again);
    cleanups.push(() => ws2.close());
    const after = (await ws2.invoke('locks.claim', { patterns: ['after.txt'] })) as Answer<{ granted: Array<{ token: number }> }>;
    expect(after.ok).toBe(true);
    for (const token of tokensBefore) expect(after.value.granted[0]!.token).toBeGreaterThan(token);
  });

  it.skipIf(!support.ok)('an agent launched with claims on a full disk: the host survives and says why the claim failed', async () => {
    faultCounts.runs++;
    const { disk, serve, ws } = await servedOnSmallDisk();
    disk.fill();
    faultCounts.faultsInjected++;
    const launched = (await ws.invoke('agents.launch', { name: 'claimer', task: 'hold [scenario:storage-holder]', claims: ['held.txt'] })) as Answer<{ id: string }>;
    expect(launched.ok).toBe(true);
    const agentId = launched.value.id;
    cleanups.push(async () => {
      await ws.invoke('agents.stopAll', { force: true }, 60_000).catch(() => undefined);
    });
    // The agent starts, takes its lease, and its claim cannot reserve a token.
    await waitFor(async () => {
      if (serve.child.exitCode !== null) return true;
      const r = (await ws.invoke('agents.list', {})) as Answer<{ agents: Array<{ id: string; status: string }> }>;
      return r.value.agents.some((a) => a.id === agentId && !['queued', 'starting'].includes(a.status));
    }, 'the agent to start', 60_000);
    await waitFor(() => serve.child.exitCode !== null || problems(ws).length > 0, 'a problem notification or the host to exit', 20_000);
    expect(serve.child.exitCode, 'the host exited').toBeNull();
    expect((await ws.invoke('repo.get', {})) as Answer).toMatchObject({ ok: true });
    expect(problems(ws).map((p) => `${p.title} ${p.body}`).join('\n')).toMatch(/held\.txt|fencing-tokens\.json/);
    disk.drain();
  });

  it('the repository deleted under a running serve: the host stays up, reports it, and status and cleanup still work', async () => {
    faultCounts.runs++;
    const repo = makeTempRepo();
    cleanups.push(() => repo.remove());
    const serve = watched(await startServe(repo.dir, cliEnv(env)));
    cleanups.push(() => serve.stop());
    const ws = await connectWs(serve);
    cleanups.push(() => ws.close());
    const launched = (await ws.invoke('agents.launch', { name: 'orphaned', task: 'hold [scenario:storage-holder]', claims: ['x.txt'] })) as Answer<{ id: string }>;
    expect(launched.ok).toBe(true);
    const agentId = launched.value.id;
    await waitFor(async () => {
      const r = (await ws.invoke('agents.list', {})) as Answer<{ agents: Array<{ id: string; status: string }> }>;
      return r.value.agents.some((a) => a.id === agentId && !['queued', 'starting'].includes(a.status));
    }, 'the agent to start', 60_000);

    fs.rmSync(repo.dir, { recursive: true, force: true });
    faultCounts.faultsInjected++;

    // Something that must be saved, now that the registry's folder is gone.
    const set = (await ws.invoke('settings.set', { maxConcurrent: 3 })) as Answer;
    expect(set.ok).toBe(true);
    const problem = await waitFor(
      // A save may already have failed while rm -rf was half way (`.agents/` gone, the folder not
      // yet); the save after the deletion must name the missing repository.
      () => problems(ws).find((p) => p.body.includes('orchestrator.json') && p.body.includes('no longer exists')),
      'a problem notification about the registry that says the repository is gone',
      20_000,
    );
    console.log(`after rm -rf of the repository the user is told:\n${problems(ws).map((p) => `  ${p.title}: ${p.body}`).join('\n')}`);
    expect(problem.body).toContain(`the repository folder ${repo.dir} no longer exists`);
    expect((await ws.invoke('repo.get', {})) as Answer).toMatchObject({ ok: true });

    // The CLI still reaches the instance by the path the user knows.
    const status = await serve.cli('status', '--repo', repo.dir, '--json');
    console.log(`switchyard status on the deleted repository: exit ${status.code} ${status.stdout.trim()} ${status.stderr.trim()}`);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { agents: Array<{ id: string }> }).agents.map((a) => a.id)).toContain(agentId);
    const cleanup = await serve.cli('cleanup', '--repo', repo.dir, '--yes');
    console.log(`switchyard cleanup on the deleted repository: exit ${cleanup.code} ${cleanup.stdout.trim()} ${cleanup.stderr.trim()}`);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toContain('Verified: no agent process is left.');
    expect(processesOfAgent(agentId)).toEqual([]);
    expect(serve.child.exitCode).toBeNull();
  });
});
