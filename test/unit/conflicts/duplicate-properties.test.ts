/**
 * Properties of duplicate detection over generated task pairs: re-tagging a task (ticket
 * references, bracketed tags, status words, agent names) never changes the verdict; tasks with
 * no work word in common are never flagged, whatever tags they share; case and punctuation do not
 * matter; behaviour only ever adds to a verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentActivity } from '../../../src/core/conflicts/duplicate-evidence';
import { findDuplicates } from '../../../src/core/conflicts/duplicates';
import { NOT_TICKET_PREFIXES } from '../../../src/core/conflicts/task-markers';
import { compareTasks } from '../../../src/core/conflicts/task-similarity';
import { agent, T0 } from './fixtures';

const NAMES = ['ada', 'bob'] as const;
/** Work words: no filler, no status word, no agent name, none a plural of another. */
const VOCABULARY = [
  'add', 'inventory', 'endpoint', 'hop', 'yeast', 'fix', 'login', 'redirect', 'loop', 'refactor',
  'parser', 'cache', 'write', 'test', 'migrate', 'database', 'schema', 'update', 'document', 'api',
  'remove', 'dead', 'code', 'rename', 'session', 'token', 'export', 'csv', 'recipe', 'brew',
];
const LEFT_WORDS = VOCABULARY.slice(0, 15);
const RIGHT_WORDS = VOCABULARY.slice(15);

const TAGS = [
  '[wip]', '(urgent)', '{P1}', '[scenario:ping]', '#123', 'GH-45', 'issue 7', 'PR #4', 'pull request 31', 'WIP',
  'asap', 'acme/api#31', 'https://github.com/acme/api/issues/9', 'https://jira.example.com/browse/PROJ-3',
  '@ada', 'bob', 'Ada:', '[PROJ-12 backend]',
];
/** A tracker key such as PROJ-12 (never UTF-8 and the like, which are words of the task). */
const ticketKey = fc
  .tuple(fc.stringMatching(/^[A-Z]{2,5}$/), fc.nat({ max: 9999 }))
  .filter(([key]) => !NOT_TICKET_PREFIXES.includes(key))
  .map(([key, n]) => `${key}-${n}`);
const tag = fc.oneof(fc.constantFrom(...TAGS), ticketKey, ticketKey.map((key) => `[${key}]`));

const words = (from: readonly string[]) => fc.array(fc.constantFrom(...from), { minLength: 1, maxLength: 8 });

/** Tags inserted between words (or at either end), each with spaces around it. */
const retagged = (plain: readonly string[]) =>
  fc.array(fc.tuple(fc.nat({ max: plain.length }), tag), { maxLength: 4 }).map((insertions) => {
    const parts: string[] = [...plain];
    // From the back, so earlier positions stay valid.
    for (const [at, t] of [...insertions].sort((x, y) => y[0] - x[0])) parts.splice(at, 0, t);
    return parts.join(' ');
  });

function verdict(a: string, b: string, activity?: AgentActivity): string {
  const agents = [agent('a', { name: NAMES[0], task: a, startedAt: T0 }), agent('b', { name: NAMES[1], task: b, startedAt: T0 + 1 })];
  const [finding] = findDuplicates({ managed: agents, unmanaged: [], activity });
  return finding ? `${finding.kind}:${finding.severity}` : 'none';
}

const SHARED_WRITES: AgentActivity = { written: new Map([['a', new Set(['x.ts'])], ['b', new Set(['x.ts'])]]), gateEvents: [] };

describe('duplicate detection properties', () => {
  it('re-tagging either task never changes the similarity or the verdict', () => {
    fc.assert(
      fc.property(
        words(VOCABULARY).chain((left) => fc.tuple(fc.constant(left), retagged(left))),
        words(VOCABULARY).chain((right) => fc.tuple(fc.constant(right), retagged(right))),
        ([left, leftTagged], [right, rightTagged]) => {
          const plain = [left.join(' '), right.join(' ')] as const;
          expect(compareTasks(leftTagged, rightTagged, NAMES).similarity).toBe(compareTasks(...plain, NAMES).similarity);
          expect(verdict(leftTagged, rightTagged)).toBe(verdict(...plain));
          expect(verdict(leftTagged, rightTagged, SHARED_WRITES)).toBe(verdict(...plain, SHARED_WRITES));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags the same work under two different sets of tags as the same task', () => {
    fc.assert(
      fc.property(
        words(VOCABULARY).chain((plain) => fc.tuple(retagged(plain), retagged(plain))),
        ([a, b]) => {
          expect(verdict(a, b)).toBe('same-task:high');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never flags tasks without a work word in common, even with the same tags and behaviour', () => {
    fc.assert(
      fc.property(
        words(LEFT_WORDS).chain(retagged),
        words(RIGHT_WORDS).chain(retagged),
        fc.array(tag, { maxLength: 3 }),
        (a, b, sharedTags) => {
          const suffix = sharedTags.join(' ');
          expect(compareTasks(`${a} ${suffix}`, `${b} ${suffix}`, NAMES).similarity).toBe(0);
          expect(verdict(`${a} ${suffix}`, `${b} ${suffix}`, SHARED_WRITES)).toBe('none');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not care about case or punctuation between words', () => {
    const punctuation = fc.constantFrom(' ', ', ', '. ', '! ', '? ', '; ', ': ', ' … ', ' — ', ' & ', '\n');
    fc.assert(
      fc.property(
        words(VOCABULARY),
        words(VOCABULARY),
        fc.array(fc.constantFrom('lower', 'upper', 'title'), { minLength: 8, maxLength: 8 }),
        fc.array(punctuation, { minLength: 8, maxLength: 8 }),
        (left, right, cases, marks) => {
          const restyled = left
            .map((word, i) => (cases[i] === 'upper' ? word.toUpperCase() : cases[i] === 'title' ? word[0]!.toUpperCase() + word.slice(1) : word))
            .reduce((text, word, i) => (i === 0 ? word : text + marks[i]! + word), '');
          expect(compareTasks(`${restyled}.`, right.join(' '), NAMES).similarity).toBe(compareTasks(left.join(' '), right.join(' '), NAMES).similarity);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is symmetric, and behaviour never takes a finding away', () => {
    fc.assert(
      fc.property(words(VOCABULARY).chain(retagged), words(VOCABULARY).chain(retagged), (a, b) => {
        expect(compareTasks(a, b, NAMES).similarity).toBe(compareTasks(b, a, NAMES).similarity);
        const rank = { none: 0, 'same-task:medium': 1, 'same-task:high': 2 } as Record<string, number>;
        expect(rank[verdict(a, b, SHARED_WRITES)]!).toBeGreaterThanOrEqual(rank[verdict(a, b)]!);
      }),
      { numRuns: 300 },
    );
  });
});
