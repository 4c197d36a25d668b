/**
 * The lock table through a real core on a real repository: a claim is on disk (journal line)
 * when it is answered, announced as a delta of itself however many claims are held, and a core
 * that never shut down (as after kill -9) is restored from snapshot + journal by the next one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Orchestrator } from '../../src/core/orchestrator';
import type { EventPayload } from '../../src/shared/contract';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

describe('the lock journal in a real core', () => {
  let repo: TempRepo;
  const cores: Orchestrator[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.dispose(true);
    repo.remove();
  });
  const open = async (): Promise<Orchestrator> => {
    const core = new Orchestrator({ appRoots: [] });
    cores.push(core);
    await core.openRepo(repo.dir);
    return core;
  };

  it('answers a claim once its journal line is on disk, announces only it, and a restart without shutdown replays it', async () => {
    repo = makeTempRepo();
    const first = await open();
    const held = Array.from({ length: 1000 }, (_, i) => `held/file${i}.ts`);
    await first.claimLocks(undefined, held, {});
    const announced: Array<EventPayload<'locks.changed'>> = [];
    first.events.on('locks.changed', (delta) => announced.push(delta));
    const journal = path.join(repo.dir, '.agents', 'locks.jsonl');

    const { granted } = await first.claimLocks(undefined, ['new.ts'], {});
    // Answered: the line is in the file already (it was fdatasynced before the answer).
    expect(fs.readFileSync(journal, 'utf8')).toContain('"new.ts"');
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toHaveLength(1);
    expect(announced[0]!.claims).toEqual({ set: granted, removed: [] });
    expect(first.listLocks().revision).toBe(announced[0]!.revision);

    const [released] = await first.releaseLocks(undefined, ['held/file0.ts'], false);
    expect(fs.readFileSync(journal, 'utf8')).toContain(`"removed":["${released!.id}"]`);

    // A second core on the same files while the first never shut down: what kill -9 leaves.
    const second = await open();
    const claims = second.listLocks().claims;
    expect(claims).toHaveLength(1000);
    expect(claims.map((c) => c.pattern)).toContain('new.ts');
    expect(claims.map((c) => c.pattern)).not.toContain('held/file0.ts');
    const after = await second.claimLocks(undefined, ['after.ts'], {});
    expect(after.granted[0]!.token).toBeGreaterThan(granted[0]!.token);
    // Opening wrote a fresh snapshot holding what was replayed.
    await second.claimLocks(undefined, ['one-more.ts'], {});
    const snapshot = JSON.parse(fs.readFileSync(path.join(repo.dir, '.agents', 'locks.json'), 'utf8')) as { claims: Array<{ target: { pattern: string } }> };
    expect(snapshot.claims.map((c) => c.target.pattern)).toContain('new.ts');
    expect(snapshot.claims.map((c) => c.target.pattern)).not.toContain('held/file0.ts');
  });
});
