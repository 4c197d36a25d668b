/** Drafted messages: subject from the task, a short body, files, agent; conventional type and scope heuristics. */
import { describe, expect, it } from 'vitest';
import {
  BODY_WIDTH,
  conventionalScope,
  conventionalType,
  draftGroupMessage,
  draftSingleMessage,
  filesLine,
  filesSubject,
  SUBJECT_MAX_CHARS,
  summarizeTask,
} from '../../../src/core/commit/commit-message';

const alice = { id: 'alice-1', name: 'Alice', task: 'add a login form to the settings page.' };

/** A brief the size of the one issue 17 quotes: a title line, then paragraphs and a list. */
const LONG_TASK = [
  'Rework the commit wizard so drafted messages stay short.',
  '',
  ...Array.from({ length: 60 }, (_, i) => `- Point ${i + 1}: the wizard should fix this detail and test it well, as described at length here.`),
].join('\n');

const codePoints = (text: string): number => Array.from(text).length;
const bodyOf = (message: string): string[] => message.trimEnd().split('\n').slice(2);

describe('draftGroupMessage', () => {
  it('names the task, the files and the agent; a task the subject says in full is not repeated', () => {
    expect(draftGroupMessage({ agent: alice, files: ['src/login.ts', 'src/login.css'] }, false)).toBe(
      ['Add a login form to the settings page', '', 'Files: src/login.ts, src/login.css', 'Agent: Alice (alice-1)', ''].join('\n'),
    );
  });

  it('keeps a 5,871-character task to a 72-character subject and a body of a few short lines', () => {
    const task = LONG_TASK + 'x'.repeat(5_871 - LONG_TASK.length);
    expect(task.length).toBe(5_871);
    const message = draftGroupMessage({ agent: { ...alice, task }, files: ['src/core/commit/a.ts', 'src/core/commit/b.ts'] }, false);
    const [subject, blank] = message.split('\n');
    expect(subject).toBe('Rework the commit wizard so drafted messages stay short');
    expect(blank).toBe('');
    const body = bodyOf(message);
    expect(body.length).toBeLessThanOrEqual(6);
    for (const line of body) expect(codePoints(line)).toBeLessThanOrEqual(BODY_WIDTH);
    expect(body[0]).toMatch(/^Task: Rework the commit wizard so drafted messages stay short\. - Point$/);
    expect(body.join(' ')).toContain('…');
    expect(message.length).toBeLessThan(500);
    expect(body.slice(-2)).toEqual(['Files: src/core/commit/a.ts, src/core/commit/b.ts', 'Agent: Alice (alice-1)']);
  });

  it('takes a multi-line task by its first line that says something, and quotes its start', () => {
    const task = '\n\n  ## Please fix the flaky index.lock retry\nIt fails on CI twice a day.\nSee the log.';
    const message = draftGroupMessage({ agent: { ...alice, task }, files: ['src/core/git/index-lock.ts'] }, false);
    expect(message).toBe(
      [
        'Fix the flaky index.lock retry',
        '',
        'Task: ## Please fix the flaky index.lock retry It fails on CI twice a',
        'day. See the log.',
        '',
        'Files: src/core/git/index-lock.ts',
        'Agent: Alice (alice-1)',
        '',
      ].join('\n'),
    );
    const labelled = draftGroupMessage({ agent: { ...alice, task: 'Task: add a retry.\nKeep it small.' }, files: ['a.ts'] }, false);
    expect(labelled.split('\n').slice(0, 3)).toEqual(['Add a retry', '', 'Task: add a retry. Keep it small.']);
  });

  it('writes a conventional subject with a type and scope guessed from the first sentence and paths', () => {
    const message = draftGroupMessage({ agent: { ...alice, task: 'Fix the crash when the index is locked' }, files: ['src/core/git/index-lock.ts', 'src/core/git/git-error.ts'] }, true);
    expect(message.split('\n')[0]).toBe('fix(git): fix the crash when the index is locked');
    // "test" and "fix" later in a long brief do not make an addition a fix.
    const added = draftGroupMessage({ agent: { ...alice, task: 'Add a retry. Then fix what breaks and test it.' }, files: ['src/a.ts'] }, true);
    expect(added.split('\n')[0]).toBe('feat: add a retry');
    expect(draftGroupMessage({ agent: { ...alice, task: LONG_TASK }, files: ['src/a.ts'] }, true).split('\n')[0]!.length).toBeLessThanOrEqual(SUBJECT_MAX_CHARS);
  });

  it('describes changes without a task by their files', () => {
    expect(draftGroupMessage({ agent: null, files: ['notes.txt'] }, false)).toBe(
      ['Update notes.txt', '', 'Files: notes.txt', 'Changes Switchyard could not attribute to an agent.', ''].join('\n'),
    );
    expect(draftGroupMessage({ agent: null, files: ['a', 'b'] }, true).split('\n')[0]).toBe('chore: update 2 files');
    expect(draftGroupMessage({ agent: { ...alice, task: '' }, files: ['src/ui/a.ts', 'src/ui/b.ts'] }, false).split('\n')[0]).toBe('Update 2 files in src/ui');
  });

  it('names as many files as fit on one line, then how many more', () => {
    const files = Array.from({ length: 45 }, (_, i) => `src/f${i}.ts`);
    const message = draftGroupMessage({ agent: alice, files }, false);
    const line = message.split('\n').find((l) => l.startsWith('Files: '))!;
    expect(codePoints(line)).toBeLessThanOrEqual(BODY_WIDTH);
    expect(line).toMatch(/^Files: src\/f0\.ts, src\/f1\.ts, .* and \d+ more$/);
    expect(message.split('\n').length).toBeLessThanOrEqual(6);
  });
});

describe('summarizeTask', () => {
  it('keeps the first sentence, capitalised, without final punctuation', () => {
    expect(summarizeTask('refactor the parser.\nThen more details')).toBe('Refactor the parser');
    expect(summarizeTask('Add a --json flag to status! It helps scripts.')).toBe('Add a --json flag to status');
    expect(summarizeTask('Use the index (e.g. for renames) in the plan. More.')).toBe('Use the index (e.g. for renames) in the plan');
    expect(summarizeTask('1. Rename config.json to settings.json')).toBe('Rename config.json to settings.json');
    expect(summarizeTask('Could you please tidy the README?')).toBe('Tidy the README');
    expect(summarizeTask('   \n\t')).toBe('');
  });

  it('cuts a long sentence at a word boundary within the limit, with no trailing punctuation', () => {
    const task = 'Make the commit wizard draft short messages, show the first diff, keep the Commit button in place, and more';
    const subject = summarizeTask(task);
    expect(codePoints(subject)).toBeLessThanOrEqual(SUBJECT_MAX_CHARS);
    expect(subject).toBe('Make the commit wizard draft short messages, show the first diff, keep');
    expect(summarizeTask('Make the commit wizard draft short messages, show the first diff and more', 50)).toBe('Make the commit wizard draft short messages, show');
    // One unbroken word is cut where it must be.
    expect(summarizeTask('x'.repeat(200))).toBe('X' + 'x'.repeat(SUBJECT_MAX_CHARS - 1));
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    const emoji = summarizeTask('🚀'.repeat(100));
    expect(codePoints(emoji)).toBe(SUBJECT_MAX_CHARS);
    expect(emoji).toBe('🚀'.repeat(SUBJECT_MAX_CHARS));
    const cjk = summarizeTask('修复提交向导'.repeat(20));
    expect(codePoints(cjk)).toBe(SUBJECT_MAX_CHARS);
    const accented = summarizeTask(`Ajouter le résumé ${'é'.repeat(10)} de la tâche à l’écran de révision des modifications`);
    expect(accented).toBe('Ajouter le résumé éééééééééé de la tâche à l’écran de révision des');
    // A combining accent stays with its letter when a word must be cut.
    const combining = summarizeTask('e\u0301'.repeat(40));
    expect(combining.normalize('NFC')).toBe('É' + 'é'.repeat(35));
  });
});

describe('filesSubject and filesLine', () => {
  it('say "Update FILE", or how many files in which folder, within the limit', () => {
    expect(filesSubject(['docs/guide.md'])).toBe('Update docs/guide.md');
    expect(filesSubject([`${'deep/'.repeat(20)}file.ts`])).toBe('Update file.ts');
    expect(filesSubject(['src/a.ts', 'src/b/c.ts'])).toBe('Update 2 files in src');
    expect(filesSubject(['a.ts', 'lib/b.ts'])).toBe('Update 2 files');
    expect(filesSubject(['a/b.ts', 'a/c.ts'], 10)).toBe('Update 2');
  });

  it('always names the first file', () => {
    const long = `${'segment/'.repeat(12)}file.ts`;
    expect(filesLine([long, 'b.ts'])).toBe(`Files: ${long} and 1 more`);
    expect(filesLine([])).toBe('Files: none');
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
        '- Alice (alice-1): Add a login form to the settings page',
        '- Bob (bob-2): Write docs',
        '- Unattributed changes: Update x.txt',
        '',
      ].join('\n'),
    );
  });

  it('keeps each group to one line within the body width, however long the task', () => {
    const message = draftSingleMessage(
      [
        { agent: { ...alice, task: LONG_TASK }, files: ['a.ts'] },
        { agent: { id: 'bob-2', name: 'Bob', task: 'Write docs' }, files: ['b.md'] },
      ],
      false,
    );
    const body = bodyOf(message);
    expect(body).toHaveLength(2);
    for (const line of body) expect(codePoints(line)).toBeLessThanOrEqual(BODY_WIDTH);
  });

  it('drafts a group committed alone as its own commit would be', () => {
    const groups = [{ agent: alice, files: ['a.ts'] }, { agent: null, files: [] }];
    expect(draftSingleMessage(groups, false)).toBe(draftGroupMessage(groups[0]!, false));
  });
});
