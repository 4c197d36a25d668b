/**
 * The lock commands' paths (locks.claim, locks.release, locks.whoHolds) are checked against the
 * repository by RepoPaths before the table sees them: a path outside is a typed refusal, never a
 * claim, a release or an internal error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoLocks } from '../../../src/core/locks/repo-locks';
import { SwitchyardError } from '../../../src/shared/result';

const OUTSIDE = ['/etc/passwd', '../../../etc/passwd', 'src/../../x'];

describe('lock command paths', () => {
  let dir: string;
  let locks: RepoLocks;

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-lock-paths-')));
    locks = new RepoLocks(dir, undefined, () => undefined);
  });
  afterEach(() => {
    locks.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('locks.claim refuses each outside path with the reason and grants nothing', async () => {
    const result = await locks.claim(undefined, OUTSIDE);
    expect(result.granted).toEqual([]);
    expect(result.refused.map((r) => r.pattern)).toEqual(OUTSIDE);
    for (const r of result.refused) expect(r.reason, r.pattern).toMatch(/outside the repository|contains "\.\."/);
    expect(locks.table.claims()).toEqual([]);
  });

  it('locks.release and locks.whoHolds answer invalid-input for an outside path', async () => {
    await locks.claim(undefined, ['src/a.ts']);
    for (const bad of OUTSIDE) {
      expect(() => locks.release(undefined, [bad], true), bad).toThrow(expect.objectContaining({ code: 'invalid-input' }) as SwitchyardError);
      expect(() => locks.whoHolds(bad), bad).toThrow(expect.objectContaining({ code: 'invalid-input' }) as SwitchyardError);
    }
    expect(locks.table.claims()).toHaveLength(1);
  });
});
