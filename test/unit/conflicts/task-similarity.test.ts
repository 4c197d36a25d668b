/** Task similarity: copies of one task score 1, re-wordings stay high, different tasks stay low. */
import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_TASK_SIMILARITY } from '../../../src/core/conflicts/duplicates';
import { stripTaskMarkers } from '../../../src/core/conflicts/task-markers';
import { compareTasks, taskShingles, taskSimilarity, taskWords } from '../../../src/core/conflicts/task-similarity';

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

  it('ignores ticket references, tags, status words and agent names, and says which it found', () => {
    expect(compareTasks('[PROJ-12] Add inventory endpoints for hops', '[PROJ-15] Add inventory endpoints for hops')).toEqual({
      similarity: 1,
      asWritten: expect.closeTo(0.57, 2),
      ignored: ['ticket references'],
    });
    expect(taskWords(stripTaskMarkers('WIP: @ada fix GH-45, see acme/api#31 and issue #7 (urgent) [backend] https://x.org/o/r/pull/9', ['ada']).text)).toEqual(['fix', 'see']);
    expect(stripTaskMarkers('ada: fix login', ['ada']).markers).toEqual(['agent names']);
  });

  it('keeps what is part of the job: versions, standards, lower-case keys and longer parentheticals', () => {
    for (const task of ['convert to UTF-8', 'upgrade node-20', 'hash with SHA-256', 'fix parser (in the auth module)', 'fix (src/auth.ts)']) {
      expect(stripTaskMarkers(task).text).toBe(task);
    }
  });

  it('matches nothing when a task is only markers', () => {
    expect(taskSimilarity('[PROJ-12] #4', '[PROJ-12] #4')).toBe(0);
  });
});
