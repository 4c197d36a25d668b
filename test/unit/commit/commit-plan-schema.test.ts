/** The contract's schemas describe exactly the engine's types, and accept what the engine produces. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { planCommits, type AttributionEntry, type CommitPlan } from '../../../src/core/commit/commit-plan';
import { AttributionEntrySchema, CommitPlanSchema, CommitProgressSchema, CommitRunResultSchema, ResumeStateSchema } from '../../../src/shared/commit-plan';
import type { CommitProgress, CommitRunResult, ResumeState } from '../../../src/core/commit/commit-result';
import { agent, BASE, by, change } from './plan-fixtures';

describe('commit plan schemas', () => {
  it('infer the engine\'s own types', () => {
    expectTypeOf<z.infer<typeof CommitPlanSchema>>().toEqualTypeOf<CommitPlan>();
    expectTypeOf<z.infer<typeof AttributionEntrySchema>>().toEqualTypeOf<AttributionEntry>();
    expectTypeOf<z.infer<typeof CommitRunResultSchema>>().toEqualTypeOf<CommitRunResult>();
    expectTypeOf<z.infer<typeof ResumeStateSchema>>().toEqualTypeOf<ResumeState>();
    expectTypeOf<z.infer<typeof CommitProgressSchema>>().toEqualTypeOf<CommitProgress>();
  });

  it('accept a drafted plan and refuse a malformed one', () => {
    const plan = planCommits({ base: BASE, changes: [change('a.ts'), change('b.ts', { kind: 'renamed', oldPath: 'old.ts' })], attribution: [by('alice', 'a.ts')], agents: [agent('alice', '1')] });
    expect(CommitPlanSchema.parse(plan)).toEqual(plan);
    expect(CommitPlanSchema.safeParse({ ...plan, strategy: 'sometimes' }).success).toBe(false);
  });
});
