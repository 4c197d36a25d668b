/**
 * kill -9 of `switchyard serve` at random moments while a client hammers the registry and the
 * lock table (and an agent holds claims) and files change under the journal: every restart parses
 * its files (no corrupt backup), hands out fencing tokens above every token granted before the
 * crash, holds no lease of the dead agent, and still has every journaled version with its bytes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs } from '../harness/host-clients';
import { startModelServer, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import { cliEnv, startServe } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';
import { FAULT_RUNS, faultCounts, printCounts } from './fault-report';

describe('kill -9 of the host during heavy registry and lock activity', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    model = await startModelServer();
    model.script('holder', [{ kind: 'message', text: 'holding', delayMs: 600_000 }]);
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    env = cliEnv({ ...home.env, CODEX_HOME: home.dir });
  });
  afterAll(async () => {
    printCounts('crash-loop');
    await model.close();
    home.remove();
    repo.remove();
  });

  /** The complete lines of the journal file as they are on disk. */
  const journaledVersions = (): Array<{ path: string; version: number; blob: string | null }> => {
    const file = path.join(repo.dir, '.agents', 'journal', 'versions.jsonl');
    if (!fs.existsSync(file)) return [];
    const text = fs.readFileSync(file, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    return complete
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; path: string; version: number; blob: string | null })
      .filter((line) => line.type === 'version');
  };

  /**
   * The type of each object (`missing` when the store lacks it), from one `git cat-file
   * --batch-check` for all of them: one git per version made the check after crash n cost n
   * crashes' worth of git starts, and 100 crashes did not end in half an hour.
   */
  const objectTypes = (ids: readonly string[]): Map<string, string> => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const out = execFileSync('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
      cwd: repo.dir,
      input: `${unique.join('\n')}\n`,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // One line per id, in order: "<id> <type>", or "<id> missing".
    const lines = out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(unique.length);
    return new Map(unique.map((id, i) => [id, lines[i]!.split(' ')[1]!]));
  };

  // A run takes a few seconds on an idle machine and tens of seconds on a loaded one: the limit grows with the count.
  it(`survives ${FAULT_RUNS} crashes with consistent files`, { timeout: Math.max(1_200_000, FAULT_RUNS * 30_000) }, async () => {
    let highestToken = 0;
    const journaled = new Map<string, { path: string; version: number; blob: string | null }>();
    const deadAgents: string[] = [];
    for (let run = 0; run < FAULT_RUNS; run++) {
      faultCounts.runs++;
      const serve = await startServe(repo.dir, env);
      const client = await connectWs(serve);
      try {
        // The restart reconciled: no claim of an agent that died in an earlier crash survives.
        const { value: locks } = (await client.invoke('locks.list', {})) as { value: { claims: Array<{ agentId: string | null; token: number }> } };
        for (const dead of deadAgents) expect(locks.claims.filter((c) => c.agentId === dead)).toEqual([]);

        // An agent that will die with the host, holding a claim.
        const launched = (await client.invoke('agents.launch', { name: `holder ${run}`, task: 'hold [scenario:holder]', claims: [`held-${run}.txt`] })) as { value: { id: string } };
        const agentId = launched.value.id;
        await waitFor(async () => {
          const r = (await client.invoke('locks.list', {})) as { value: { claims: Array<{ agentId: string | null }> } };
          return r.value.claims.some((c) => c.agentId === agentId);
        }, 'the agent claim');
        // The check after the crash is that the files a crash interrupts still parse; a kill before
        // the very first save (the first run, on a loaded disk) would leave none to check.
        await waitFor(
          () => ['orchestrator.json', 'locks.json'].every((f) => fs.existsSync(path.join(repo.dir, '.agents', f))),
          'the first saves of the registry and the lock table',
        );

        // Hammer: user claims and releases (lock table saves) and settings changes (registry saves).
        let stop = false;
        const hammer = (async () => {
          for (let i = 0; !stop; i++) {
            const claimed = (await client.invoke('locks.claim', { patterns: [`f${i % 40}.txt`, `dir${i % 7}/`] }).catch(() => null)) as {
              value?: { granted: Array<{ token: number }> };
            } | null;
            for (const g of claimed?.value?.granted ?? []) highestToken = Math.max(highestToken, g.token);
            await client.invoke('settings.set', { maxConcurrent: 1 + (i % 8) }).catch(() => null);
            if (i % 3 === 0) await client.invoke('locks.release', { patterns: [`f${i % 40}.txt`] }).catch(() => null);
            // Journal activity: the watcher records a version of each write.
            fs.writeFileSync(path.join(repo.dir, `journaled-${i % 5}.txt`), `run ${run}, write ${i}\n`);
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 700));
        serve.child.kill('SIGKILL');
        faultCounts.faultsInjected++;
        stop = true;
        await new Promise((resolve) => serve.child.once('exit', resolve));
        await hammer.catch(() => undefined);
        deadAgents.push(agentId);
      } finally {
        client.close();
        await serve.stop();
      }

      // The files on disk parse as they are, before any restart touches them.
      // (The lock table's journal, locks.jsonl, is read as the core reads it: a torn last line is dropped.)
      JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), 'utf8'));
      const locks = JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'locks.json'), 'utf8')) as { nextToken: number };
      expect(locks.nextToken).toBeGreaterThan(0);
      const journal = fs.readFileSync(path.join(repo.dir, '.agents', 'locks.jsonl'), 'utf8');
      for (const line of journal.slice(0, journal.lastIndexOf('\n') + 1).split('\n').filter(Boolean)) JSON.parse(line);
      expect(fs.readdirSync(path.join(repo.dir, '.agents')).filter((f) => f.includes('.corrupt-'))).toEqual([]);
      // Every version the journal recorded has its bytes in the object store (a torn last line is
      // the only thing a crash may leave, and the journal skips it on load).
      const versions = journaledVersions();
      const types = objectTypes(versions.flatMap((v) => (v.blob ? [v.blob] : [])));
      for (const version of versions) {
        if (version.blob) expect(types.get(version.blob), `${version.path} v${version.version}`).toBe('blob');
        journaled.set(`${version.path}#${version.version}`, version);
      }
    }
    expect(journaled.size).toBeGreaterThan(0);

    // One last restart: tokens only grow, and nothing of any dead agent runs or holds a claim.
    const serve = await startServe(repo.dir, env);
    const client = await connectWs(serve);
    try {
      const granted = (await client.invoke('locks.claim', { patterns: ['after-the-storm.txt'] })) as { value: { granted: Array<{ token: number }> } };
      // Every token acknowledged before a crash, saved or not, is below the first one after.
      expect(highestToken).toBeGreaterThan(0);
      expect(granted.value.granted[0]!.token).toBeGreaterThan(highestToken);
      const { value } = (await client.invoke('locks.list', {})) as { value: { claims: Array<{ agentId: string | null }> } };
      for (const dead of deadAgents) {
        expect(value.claims.filter((c) => c.agentId === dead)).toEqual([]);
        expect(processesOfAgent(dead)).toEqual([]);
      }
      // The restarted journal still lists every version recorded before any of the crashes.
      for (const file of new Set([...journaled.values()].map((v) => v.path))) {
        const { value: timeline } = (await client.invoke('changes.timeline', { path: file })) as { value: { versions: Array<{ version: number }> } };
        const listed = new Set(timeline.versions.map((v) => v.version));
        for (const version of journaled.values()) if (version.path === file) expect(listed.has(version.version), `${file} v${version.version}`).toBe(true);
      }
      console.log(`highest token granted before crashes: ${highestToken}; first after: ${granted.value.granted[0]!.token}; journaled versions kept: ${journaled.size}`);
    } finally {
      client.close();
      await serve.stop();
    }
  });
});
