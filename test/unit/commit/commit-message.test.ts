/** Drafted messages: subject from the task, files, agent; conventional type and scope heuristics. */
import { describe, expect, it } from 'vitest';
import { conventionalScope, conventionalType, draftGroupMessage, draftSingleMessage, SUBJECT_MAX_CHARS, summarizeTask } from '../../../src/core/commit/commit-message';

const alice = { id: 'alice-1', name: 'Alice', task: 'add a login form to the settings page.' };

describe('draftGroupMessage', () => {
  it('names the task, the files and the agent', () => {
    expect(draftGroupMessage({ agent: alice, files: ['src/login.ts', 'src/login.css'] }, false)).toBe(
      ['Add a login form to the settings page', '', 'Task: add a login form to the settings page.', '', 'Files:', '- src/login.ts', '- src/login.css', '', 'Agent: Alice (alice-1)', ''].join('\n'),
    );
  });

  it('writes a conventional subject with a type and scope guessed from task and paths', () => {
    const message = draftGroupMessage({ agent: { ...alice, task: 'Fix the crash when the index is locked' }, files: ['src/core/git/index-lock.ts', 'src/core/git/git-error.ts'] }, true);
    expect(message.split('\n')[0]).toBe('fix(git): fix the crash when the index is locked');
  });

  it('describes unattributed changes by their files', () => {
    expect(draftGroupMessage({ agent: null, files: ['notes.txt'] }, false).split('\n')[0]).toBe('Update notes.txt');
    expect(draftGroupMessage({ agent: null, files: ['a', 'b'] }, true).split('\n')[0]).toBe('chore: update 2 files');
  });

  it('lists at most 40 files and says how many more', () => {
    const files = Array.from({ length: 45 }, (_, i) => `f${i}.ts`);
    const message = draftGroupMessage({ agent: alice, files }, false);
    expect(message).toContain('- f39.ts\n- … and 5 more');
    expect(message).not.toContain('- f40.ts');
  });
});

describe('summarizeTask', () => {
  it('keeps the first line, capitalised, without a final period, within the subject limit', () => {
    expect(summarizeTask('refactor the parser.\nThen more details')).toBe('Refactor the parser');
    const long = summarizeTask('x'.repeat(200));
    expect(long.length).toBe(SUBJECT_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('conventional heuristics', () => {
  it('prefers what every file is (docs, tests, CI, build) over the task verbs', () => {
    expect(conventionalType('Fix typo', ['README.md', 'docs/guide.md'])).toBe('docs');
    expect(conventionalType('Add cases', ['test/unit/a.test.ts'])).toBe('test');
    expect(conventionalType('Run on push', ['.github/workflows/ci.yml'])).toBe('ci');
    expect(conventionalType('Pin versions', ['package.json', 'package-lock.json'])).toBe('build');
  });

  it('reads the task verbs otherwise, defaulting to feat', () => {
    expect(conventionalType('Speed up the status scan', ['src/a.ts'])).toBe('perf');
    expect(conventionalType('Clean up the registry', ['src/a.ts'])).toBe('refactor');
    expect(conventionalType('Support renames', ['src/a.ts'])).toBe('feat');
    expect(conventionalType('', ['src/a.ts'])).toBe('chore');
  });

  it('takes the most specific shared folder that is not a generic one', () => {
    expect(conventionalScope(['src/core/git/a.ts', 'src/core/git/b/c.ts'])).toBe('git');
    expect(conventionalScope(['packages/ui/src/a.ts', 'packages/ui/src/b.ts'])).toBe('ui');
    expect(conventionalScope(['src/a.ts', 'lib/b.ts'])).toBeNull();
    expect(conventionalScope(['README.md'])).toBeNull();
  });
});

describe('draftSingleMessage', () => {
  it('combines every group: a subject naming the agents, then a section per group', () => {
    const message = draftSingleMessage(
      [
        { agent: alice, files: ['a.ts'] },
        { agent: { id: 'bob-2', name: 'Bob', task: 'Write docs' }, files: ['b.md'] },
        { agent: null, files: ['x.txt'] },
        { agent: { id: 'idle', name: 'Idle', task: 'Nothing' }, files: [] },
      ],
      false,
    );
    expect(message).toBe(
      [
        'Work from 2 agents: Alice, Bob',
        '',
        'Alice (alice-1): Add a login form to the settings page',
        '- a.ts',
        '',
        'Bob (bob-2): Write docs',
        '- b.md',
        '',
        'Unattributed changes',
        '- x.txt',
        '',
      ].join('\n'),
    );
  });
});
