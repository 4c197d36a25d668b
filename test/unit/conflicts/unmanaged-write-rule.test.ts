/** An outside Codex writing a file a managed agent holds or changed: reported, with "stop it" first. */
import { describe, expect, it } from 'vitest';
import type { TrackedChange } from '../../../src/core/changes/change-types';
import { detectConflicts } from '../../../src/core/conflicts/detect-conflicts';
import { ConflictSchema } from '../../../src/shared/conflicts';
import { agent, change, claim, input, MINUTE, T0, timeline } from './fixtures';

const PID = 777;

/** A change an unmanaged Codex made at `at`. */
function unmanaged(path: string, at: number): TrackedChange {
  return {
    ...change(path, null, at),
    evidence: { rule: 'unmanaged-process', pid: PID, startedAt: null, basis: 'rollout-file-change', call: null },
  };
}

describe('unmanaged overlap', () => {
  const agents = [agent('a', { name: 'Ada' })];

  it('is reported when the outside Codex writes a file an agent claimed, with stopping it as the first action', () => {
    const versions = timeline('src/x.ts', [null, 'a', null]);
    versions[2]!.evidence = { rule: 'unmanaged-process', pid: PID };
    const conflicts = detectConflicts(
      input({ agents, claims: [claim('a', 'src/x.ts')], changes: [unmanaged('src/x.ts', T0 + MINUTE)], timelines: { 'src/x.ts': versions } }),
    );
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ id: `overlap:unmanaged:${PID}:src/x.ts`, kind: 'overlap', severity: 'critical', agents: ['a', null] });
    expect(conflict!.summary).toContain(`unmanaged Codex (pid ${PID})`);
    expect(conflict!.summary).toContain('held by agent "Ada"');
    expect(conflict!.recommendation).toContain(`switchyard stop --pid ${PID}`);
    expect(conflict!.actions[0]).toEqual({ type: 'stop-process', pid: PID, label: `Stop unmanaged Codex (pid ${PID})` });
    expect(conflict!.actions).toContainEqual(expect.objectContaining({ type: 'restore-version', version: 2 }));
    expect(() => ConflictSchema.parse(conflict)).not.toThrow();
  });

  it('is reported when an agent changed the file before it, even without a claim', () => {
    const [conflict] = detectConflicts(input({ agents, changes: [change('y.ts', 'a', T0), unmanaged('y.ts', T0 + MINUTE)] }));
    expect(conflict).toMatchObject({ kind: 'overlap', severity: 'critical', agents: ['a', null] });
    expect(conflict!.summary).toContain('agent "Ada" changed it too');
  });

  it('is not a conflict where no managed agent holds or changed the file, nor for a claim granted after the write', () => {
    expect(detectConflicts(input({ agents, changes: [unmanaged('z.ts', T0)] }))).toEqual([]);
    expect(detectConflicts(input({ agents, claims: [claim('a', 'z.ts', { since: T0 + MINUTE })], changes: [unmanaged('z.ts', T0)] }))).toEqual([]);
  });
});
