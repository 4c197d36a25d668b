import { describe, expect, it } from 'vitest';
import { COLLAPSE_AT_FILES, MAX_SIMILAR_AGENTS, suggestClaims, type PastAgent, type RepoHistory } from '../../../src/core/suggestions/claim-suggestions';

const agent = (id: string, task: string, files: string[]): PastAgent => ({ id, name: id, task, files });
const history = (agents: PastAgent[], conflicts: RepoHistory['conflicts'] = []): RepoHistory => ({ agents, conflicts });

describe('claim suggestions from earlier agents', () => {
  it('suggests the files of agents with similar tasks, most similar first, and ignores unrelated tasks', () => {
    const result = suggestClaims(
      'fix the login form validation',
      history([
        agent('login-a', 'fix the login form validation bug', ['src/login/form.ts']),
        agent('login-b', 'improve login form', ['src/login/style.css']),
        agent('docs', 'write the changelog for release 2', ['CHANGELOG.md']),
      ]),
    );
    expect(result.similar.map((s) => s.agentId)).toEqual(['login-a', 'login-b']);
    expect(result.similar[0]!.similarity).toBeGreaterThan(result.similar[1]!.similarity);
    expect(result.claims.map((c) => c.pattern)).toEqual(['src/login/form.ts', 'src/login/style.css']);
    expect(result.claims[0]).toMatchObject({ files: 1, agents: ['login-a'] });
  });

  it('ranks a file several similar agents changed above one only one changed', () => {
    const result = suggestClaims(
      'add retry to the http client',
      history([
        agent('a', 'add retry to the http client', ['src/http/client.ts', 'src/http/a-only.ts']),
        agent('b', 'add retry logic to http client', ['src/http/client.ts']),
      ]),
    );
    expect(result.claims[0]).toMatchObject({ pattern: 'src/http/client.ts', agents: ['a', 'b'] });
    expect(result.claims[0]!.score).toBeGreaterThan(result.claims[1]!.score);
  });

  it(`collapses ${COLLAPSE_AT_FILES} or more files of one folder into a folder claim; fewer stay files; root files never collapse`, () => {
    const result = suggestClaims(
      'rework the parser',
      history([
        agent('p', 'rework the parser', ['src/parser/a.ts', 'src/parser/b.ts', 'src/parser/c.ts', 'test/parser.test.ts', 'README.md', 'NOTES.md', 'package.json']),
      ]),
    );
    expect(result.claims.map((c) => c.pattern).sort()).toEqual(['NOTES.md', 'README.md', 'package.json', 'src/parser/', 'test/parser.test.ts']);
    expect(result.claims.find((c) => c.pattern === 'src/parser/')).toMatchObject({ files: 3, agents: ['p'] });
    // Same score: the folder (more files) first.
    expect(result.claims[0]!.pattern).toBe('src/parser/');
  });

  it('leaves out what the chosen claims already cover', () => {
    const result = suggestClaims('rework the parser', history([agent('p', 'rework the parser', ['src/parser/a.ts', 'docs/parser.md'])]), ['src/**']);
    expect(result.claims.map((c) => c.pattern)).toEqual(['docs/parser.md']);
  });

  it(`rests on the ${MAX_SIMILAR_AGENTS} most similar agents only`, () => {
    const agents = Array.from({ length: MAX_SIMILAR_AGENTS + 2 }, (_, i) => agent(`a${i}`, `update the cache layer ${'x'.repeat(i)}`, [`f${i}.ts`]));
    expect(suggestClaims('update the cache layer', history(agents)).similar).toHaveLength(MAX_SIMILAR_AGENTS);
  });

  it('warns about files under the suggested or chosen claims that had refused writes, writes onto claims, or several writers', () => {
    const result = suggestClaims(
      'fix the session timeout',
      history(
        [
          agent('s1', 'fix the session timeout', ['src/session/store.ts']),
          agent('other', 'refactor storage', ['src/session/store.ts', 'lib/shared.ts']),
        ],
        [
          { path: 'src/session/store.ts', kind: 'refused' },
          { path: 'src/session/store.ts', kind: 'refused' },
          { path: 'lib/shared.ts', kind: 'violation' },
          { path: 'elsewhere.ts', kind: 'refused' },
        ],
      ),
      ['lib/'],
    );
    expect(result.warnings).toEqual([
      { path: 'src/session/store.ts', reason: '2 writes refused (another agent held it); changed by 2 agents (s1, other)' },
      { path: 'lib/shared.ts', reason: "1 write onto another agent's claim" },
    ]);
  });

  it('suggests nothing (and warns about nothing) for a task like no earlier one', () => {
    expect(suggestClaims('translate the UI to French', history([agent('p', 'rework the parser', ['src/p.ts'])], [{ path: 'src/p.ts', kind: 'refused' }]))).toEqual({
      similar: [],
      claims: [],
      warnings: [],
    });
  });
});
