/** Task similarity: copies of one task score 1, re-wordings stay high, different tasks stay low. */
import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_TASK_SIMILARITY } from '../../../src/core/conflicts/duplicates';
import { taskShingles, taskSimilarity, taskWords } from '../../../src/core/conflicts/task-similarity';

describe('task similarity', () => {
  it('normalises case, accents, punctuation, filler words and plurals', () => {
    expect(taskWords('Add the Inventory endpoints, for HOPS & fermentables… café!')).toEqual([
      'add', 'inventory', 'endpoint', 'hop', 'fermentable', 'cafe',
    ]);
  });

  it('builds one- and two-word shingles', () => {
    expect([...taskShingles('fix login bug')]).toEqual(['fix', 'login', 'bug', 'fix login', 'login bug']);
  });

  it('scores a re-typed copy of a task as the same task', () => {
    expect(taskSimilarity('Add inventory endpoints for hops and fermentables', 'add inventory endpoint for hops & fermentables.')).toBe(1);
  });

  it('keeps a task with one word added above the duplicate threshold', () => {
    const score = taskSimilarity(
      'implement CRUD endpoints for hops fermentables yeasts miscs',
      'implement CRUD endpoints for hops fermentables yeasts miscs quickly',
    );
    expect(score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_TASK_SIMILARITY);
    expect(score).toBeLessThan(1);
  });

  it('keeps a task with its key word changed below the threshold', () => {
    expect(
      taskSimilarity('fix the login bug in the auth module session code', 'fix the signup bug in the auth module session code'),
    ).toBeLessThan(NEAR_DUPLICATE_TASK_SIMILARITY);
  });

  it('tells word order apart', () => {
    expect(taskSimilarity('move users to accounts', 'move accounts to users')).toBeLessThan(NEAR_DUPLICATE_TASK_SIMILARITY);
  });

  it('scores unrelated tasks near 0 and an empty task as matching nothing', () => {
    expect(taskSimilarity('write API documentation', 'update database schemas')).toBe(0);
    expect(taskSimilarity('', '')).toBe(0);
    expect(taskSimilarity('the of and', 'the of and')).toBe(0);
  });

  it('is symmetric', () => {
    const a = 'refactor brewing calculations module';
    const b = 'refactor brewing calculations module and tests';
    expect(taskSimilarity(a, b)).toBe(taskSimilarity(b, a));
  });
});
