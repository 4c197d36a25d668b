/**
 * Drafted commit messages, the one rule the wizard and `switchyard commit` share: a subject of at
 * most 72 characters from the first sentence of the agent's task ("Update FILE" when there is no
 * task), then a short body: the start of the task, a one-line summary of the files, and who did
 * it. Optionally in conventional-commit form (`fix(git): …`) guessed from the files and the task's
 * verbs. Drafts only — the user edits them in the wizard.
 */
import { capitalise, clipAtWord, firstSentence, length, uncapitalise, withoutTrailingPunctuation, wrapText } from './message-text';

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
/** Body lines wrap here, git's advice too: `git log` indents the body by 4 in an 80-column terminal. */
export const BODY_WIDTH = 72;
/**
 * How much of the task a body quotes: enough to say what was asked (three wrapped lines), not the
 * whole brief — a task may run to thousands of characters.
 */
export const BODY_TASK_MAX_CHARS = 200;
/** In a single commit's body, a group's line keeps at least this much room for its summary, even after a long agent name. */
const MIN_SECTION_ROOM = 24;
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
  const meaningful = (commonFolder(files) ?? '').split('/').filter((segment) => segment !== '' && !GENERIC_FOLDERS.has(segment.toLowerCase()));
  const scope = meaningful.at(-1);
  return scope && scope.length <= SCOPE_MAX_CHARS ? scope : null;
}

/** A one-line summary of a task: its first sentence, capitalised, without final punctuation, cut at a word within `max`. */
export function summarizeTask(task: string, max: number = SUBJECT_MAX_CHARS): string {
  return capitalise(clipAtWord(withoutTrailingPunctuation(firstSentence(task)), max));
}

/** The folder every file is in, or null when they share none. */
function commonFolder(files: readonly string[]): string | null {
  const folders = files.map((f) => f.split('/').slice(0, -1));
  const common: string[] = [];
  for (let i = 0; folders.length > 0 && folders.every((f) => i < f.length && f[i] === folders[0]![i]); i++) common.push(folders[0]![i]!);
  return common.length > 0 ? common.join('/') : null;
}

/** A subject from the files alone: "Update FILE", "Update N files in DIR", "Update N files". */
export function filesSubject(files: readonly string[], max: number = SUBJECT_MAX_CHARS): string {
  const fits = (subject: string): boolean => length(subject) <= max;
  const candidates =
    files.length === 1
      ? [`Update ${files[0]}`, `Update ${files[0]!.split('/').at(-1)}`]
      : [...(commonFolder(files) ? [`Update ${files.length} files in ${commonFolder(files)}`] : []), `Update ${files.length} files`];
  return candidates.find(fits) ?? clipAtWord(candidates.at(-1)!, max);
}

function subjectOf(group: MessageGroup, conventional: boolean): string {
  const task = group.agent?.task ?? '';
  let prefix = '';
  if (conventional) {
    const scope = conventionalScope(group.files);
    // The verbs of the task's first sentence: a long brief mentions "fix" or "test" somewhere anyway.
    prefix = `${conventionalType(firstSentence(task), group.files)}${scope ? `(${scope})` : ''}: `;
  }
  const max = SUBJECT_MAX_CHARS - length(prefix);
  const summary = summarizeTask(task, max) || filesSubject(group.files, max);
  // Conventional subjects continue the sentence after the colon: lower-case first letter.
  return prefix + (conventional ? uncapitalise(summary) : summary);
}

/** The start of the task, wrapped, unless the subject already says all of it. */
function taskLines(task: string): string[] {
  // A task that begins with its own "Task:" label is not quoted as "Task: Task: …".
  const text = task.replace(/\s+/g, ' ').trim().replace(/^task:\s*/i, '');
  if (text === '' || withoutTrailingPunctuation(text).toLowerCase() === summarizeTask(task).toLowerCase()) return [];
  const quoted = length(text) <= BODY_TASK_MAX_CHARS ? text : `${clipAtWord(text, BODY_TASK_MAX_CHARS - 1)}…`;
  return wrapText(`Task: ${quoted}`, BODY_WIDTH);
}

/** One line naming as many files as fit in BODY_WIDTH (always the first), then how many more. */
export function filesLine(files: readonly string[]): string {
  const line = (shown: number): string => {
    const rest = files.length - shown;
    return `Files: ${files.slice(0, shown).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  };
  if (files.length === 0) return 'Files: none';
  let shown = 1;
  while (shown < files.length && length(line(shown + 1)) <= BODY_WIDTH) shown++;
  return line(shown);
}

/** The title shown for a group in the wizard. */
export function groupTitle(agent: MessageAgent | null): string {
  return agent ? agent.name : 'Unattributed changes';
}

export function draftGroupMessage(group: MessageGroup, conventional: boolean): string {
  const task = taskLines(group.agent?.task ?? '');
  const lines = [subjectOf(group, conventional), '', ...task, ...(task.length > 0 ? [''] : []), filesLine(group.files)];
  lines.push(group.agent ? `Agent: ${group.agent.name} (${group.agent.id})` : 'Changes Switchyard could not attribute to an agent.');
  return `${lines.join('\n')}\n`;
}

/** One message for every group committed together (the "single commit" strategy). */
export function draftSingleMessage(groups: readonly MessageGroup[], conventional: boolean): string {
  const withFiles = groups.filter((g) => g.files.length > 0);
  // One group committed alone reads as it would in its own commit.
  if (withFiles.length === 1) return draftGroupMessage(withFiles[0]!, conventional);
  const agents = withFiles.flatMap((g) => (g.agent ? [g.agent] : []));
  const allFiles = withFiles.flatMap((g) => g.files);
  const names = agents.map((a) => a.name).join(', ');
  const plain = agents.length > 0 ? `Work from ${agents.length} agent${agents.length === 1 ? '' : 's'}: ${names}` : filesSubject(allFiles);
  let prefix = '';
  if (conventional) {
    const types = new Set(withFiles.map((g) => conventionalType(firstSentence(g.agent?.task ?? ''), g.files)));
    const scope = conventionalScope(allFiles);
    prefix = `${types.size === 1 ? [...types][0] : 'feat'}${scope ? `(${scope})` : ''}: `;
  }
  // Not a task: a name may hold a period ("J. Doe"), so no sentence is looked for.
  const summary = capitalise(clipAtWord(plain, SUBJECT_MAX_CHARS - length(prefix)));
  const subject = prefix + (conventional ? uncapitalise(summary) : summary);
  // A line per group, each within BODY_WIDTH: who, and what they were asked (or which files).
  const sections = withFiles.map((g) => {
    const who = `- ${g.agent ? `${g.agent.name} (${g.agent.id})` : 'Unattributed changes'}: `;
    const room = Math.max(BODY_WIDTH - length(who), MIN_SECTION_ROOM);
    return who + (summarizeTask(g.agent?.task ?? '', room) || filesSubject(g.files, room));
  });
  return `${[subject, '', ...sections].join('\n')}\n`;
}

/**
 * An isolated agent's merge or squash commit: the group's drafted message; a merge names the
 * branch in its subject, as `git merge` does.
 */
export function draftIsolatedMessage(agent: MessageAgent, branch: string, mode: 'merge' | 'squash' | 'cherry-pick', files: readonly string[], conventional: boolean): string {
  const drafted = draftGroupMessage({ agent, files }, conventional);
  if (mode !== 'merge') return drafted;
  return `Merge branch '${branch}' (${agent.name})\n\n${drafted}`;
}
