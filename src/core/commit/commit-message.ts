/**
 * Drafted commit messages: a subject from the agent's task, the task itself, the files, and who
 * did it; optionally in conventional-commit form (`fix(git): …`) guessed from the files and the
 * task's verbs. Drafts only — the user edits them in the wizard.
 */

export interface MessageAgent {
  id: string;
  name: string;
  task: string;
}

export interface MessageGroup {
  /** null for the unattributed group. */
  agent: MessageAgent | null;
  files: readonly string[];
}

export type ConventionalType = 'feat' | 'fix' | 'docs' | 'test' | 'refactor' | 'perf' | 'build' | 'ci' | 'style' | 'chore';

/** git's own advice for a subject line: it stays readable in `git log --oneline` and on GitHub. */
export const SUBJECT_MAX_CHARS = 72;
/** Files listed in a body; more are summarised, so a 2,000-file commit keeps a readable message. */
export const BODY_MAX_FILES = 40;
/** A longer scope is more likely a path fragment than a name. */
const SCOPE_MAX_CHARS = 20;

/** Path patterns that decide the type when every file of a group matches one of them. */
const TYPE_BY_FILES: ReadonlyArray<[ConventionalType, RegExp]> = [
  ['docs', /(^|\/)(docs?|documentation)\/|\.(md|mdx|rst|adoc|txt)$/i],
  ['test', /(^|\/)(tests?|__tests__|spec|e2e)\/|\.(test|spec)\.[a-z]+$/i],
  ['ci', /^(\.github\/workflows\/|\.gitlab-ci\.yml$|\.circleci\/|\.buildkite\/)/],
  ['build', /(^|\/)(package(-lock)?\.json|pnpm-lock\.yaml|yarn\.lock|Cargo\.(toml|lock)|go\.(mod|sum)|Dockerfile|Makefile|tsconfig[^/]*\.json)$/],
];

/** Verbs in a task and the type they suggest, first match wins. */
const TYPE_BY_TASK: ReadonlyArray<[ConventionalType, RegExp]> = [
  ['fix', /\b(fix(es|ed)?|bug|repair|crash(es)?|broken|regression|correct)\b/i],
  ['perf', /\b(perf(ormance)?|speed ?up|faster|optimi[sz]e)\b/i],
  ['refactor', /\b(refactor|restructure|rename|clean ?up|simplify|extract|reorgani[sz]e)\b/i],
  ['docs', /\b(docs?|documentation|readme|document)\b/i],
  ['test', /\b(tests?|coverage)\b/i],
  ['style', /\b(format(ting)?|lint|prettier|whitespace)\b/i],
  ['build', /\b(dependenc(y|ies)|upgrade|bump)\b/i],
];

/** Folder names that say where code lives, not what it is about. */
const GENERIC_FOLDERS = new Set(['src', 'lib', 'app', 'apps', 'source', 'packages', 'pkg', 'internal', 'test', 'tests', 'unit', 'integration', 'spec', '__tests__', 'e2e']);

export function conventionalType(task: string, files: readonly string[]): ConventionalType {
  for (const [type, pattern] of TYPE_BY_FILES) if (files.length > 0 && files.every((f) => pattern.test(f))) return type;
  for (const [type, pattern] of TYPE_BY_TASK) if (pattern.test(task)) return type;
  return task.trim() === '' ? 'chore' : 'feat';
}

/** The most specific folder all files share, skipping generic ones (`src/core/git/*` → `git`). */
export function conventionalScope(files: readonly string[]): string | null {
  if (files.length === 0) return null;
  const folders = files.map((f) => f.split('/').slice(0, -1));
  const common: string[] = [];
  for (let i = 0; folders.every((f) => i < f.length && f[i] === folders[0]![i]); i++) common.push(folders[0]![i]!);
  const meaningful = common.filter((segment) => !GENERIC_FOLDERS.has(segment.toLowerCase()));
  const scope = meaningful.at(-1);
  return scope && scope.length <= SCOPE_MAX_CHARS ? scope : null;
}

/** A one-line summary of a task: its first line, capitalised, without a final period, cut at `max`. */
export function summarizeTask(task: string, max: number = SUBJECT_MAX_CHARS): string {
  const line = task.trim().split('\n', 1)[0]!.trim().replace(/[.:;,\s]+$/, '');
  const capitalised = line.charAt(0).toUpperCase() + line.slice(1);
  return capitalised.length <= max ? capitalised : `${capitalised.slice(0, max - 1).trimEnd()}…`;
}

function fallbackSubject(files: readonly string[]): string {
  if (files.length === 1) return `Update ${files[0]}`;
  return `Update ${files.length} files`;
}

function subjectOf(group: MessageGroup, conventional: boolean): string {
  const task = group.agent?.task ?? '';
  if (!conventional) return summarizeTask(task) || summarizeTask(fallbackSubject(group.files));
  const scope = conventionalScope(group.files);
  const prefix = `${conventionalType(task, group.files)}${scope ? `(${scope})` : ''}: `;
  const summary = summarizeTask(task, SUBJECT_MAX_CHARS - prefix.length) || summarizeTask(fallbackSubject(group.files), SUBJECT_MAX_CHARS - prefix.length);
  // Conventional subjects continue the sentence after the colon: lower-case first letter.
  return prefix + summary.charAt(0).toLowerCase() + summary.slice(1);
}

function fileList(files: readonly string[]): string[] {
  const shown = files.slice(0, BODY_MAX_FILES).map((f) => `- ${f}`);
  if (files.length > BODY_MAX_FILES) shown.push(`- … and ${files.length - BODY_MAX_FILES} more`);
  return shown;
}

/** The title shown for a group in the wizard. */
export function groupTitle(agent: MessageAgent | null): string {
  return agent ? agent.name : 'Unattributed changes';
}

export function draftGroupMessage(group: MessageGroup, conventional: boolean): string {
  const lines = [subjectOf(group, conventional), ''];
  const task = group.agent?.task.trim() ?? '';
  if (task !== '' && task !== summarizeTask(task)) lines.push(`Task: ${task}`, '');
  lines.push('Files:', ...fileList(group.files));
  lines.push('', group.agent ? `Agent: ${group.agent.name} (${group.agent.id})` : 'Changes Switchyard could not attribute to an agent.');
  return `${lines.join('\n')}\n`;
}

/** One message for every group committed together (the "single commit" strategy). */
export function draftSingleMessage(groups: readonly MessageGroup[], conventional: boolean): string {
  const withFiles = groups.filter((g) => g.files.length > 0);
  const agents = withFiles.flatMap((g) => (g.agent ? [g.agent] : []));
  const allFiles = withFiles.flatMap((g) => g.files);
  let subject: string;
  if (withFiles.length === 1) subject = subjectOf(withFiles[0]!, conventional);
  else {
    const names = agents.map((a) => a.name).join(', ');
    const plain = agents.length > 0 ? `Work from ${agents.length} agent${agents.length === 1 ? '' : 's'}: ${names}` : fallbackSubject(allFiles);
    let prefix = '';
    if (conventional) {
      const types = new Set(withFiles.map((g) => conventionalType(g.agent?.task ?? '', g.files)));
      const scope = conventionalScope(allFiles);
      prefix = `${types.size === 1 ? [...types][0] : 'feat'}${scope ? `(${scope})` : ''}: `;
    }
    const summary = summarizeTask(plain, SUBJECT_MAX_CHARS - prefix.length);
    subject = prefix + (conventional ? summary.charAt(0).toLowerCase() + summary.slice(1) : summary);
  }
  const sections = withFiles.map((g) => {
    const heading = g.agent ? `${g.agent.name} (${g.agent.id}): ${summarizeTask(g.agent.task) || 'no task'}` : 'Unattributed changes';
    return [heading, ...fileList(g.files)].join('\n');
  });
  return `${[subject, '', ...sections.flatMap((s) => [s, ''])].join('\n').trimEnd()}\n`;
}
