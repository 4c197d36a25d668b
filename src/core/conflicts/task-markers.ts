/**
 * The parts of a task that say which ticket, tag or agent it belongs to rather than what the work
 * is: "[PROJ-12] Add inventory endpoints" and "[PROJ-15] Add inventory endpoints" are one job
 * handed out twice. Task similarity compares what is left after these are taken out.
 */

export type TaskMarker = 'ticket references' | 'tags' | 'agent names';

/** Links to an issue, pull request or ticket page ("…/issues/12", "…/browse/PROJ-12"). */
const ISSUE_URL = /\bhttps?:\/\/\S*?\/(?:issues|pulls?|merge_requests|browse|tickets?)\/\S+/giu;

/**
 * Upper-case keys the way trackers print them: PROJ-12, GH-45, ABC2-7. Upper case only, so
 * "node-20" or "vue-3" in a task stay words; standards that look like keys stay words too, since
 * "convert to UTF-8" and "convert to UTF-16" are different jobs.
 */
export const NOT_TICKET_PREFIXES = ['UTF', 'UCS', 'SHA', 'MD', 'ISO', 'ES', 'ECMA', 'RFC', 'HTTP', 'TLS', 'SSL', 'IPV', 'AES', 'RSA', 'PEP', 'CVE'];
const TICKET_KEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}_-])(?!(?:${NOT_TICKET_PREFIXES.join('|')})-)\p{Lu}[\p{Lu}\p{N}_]{1,15}-\d+(?![\p{L}\p{N}_-])`,
  'gu',
);

/** #123, GH#45, owner/repo#12. */
const HASH_REF = /(?<![\p{L}\p{N}_&])(?:[\w.-]+\/[\w.-]+)?(?:gh)?#\d+(?![\p{L}\p{N}_])/giu;

/** "issue 12", "PR #4", "ticket no. 9", "pull request 31": the number and the word naming it. */
const NUMBERED_REF = /\b(?:issue|ticket|bug|pr|pull request|merge request|mr|story|card)\s*(?:no\.?|number|#)?\s*\d+\b/giu;

/** [wip], [scenario:ping], [PROJ-12 backend]: any short bracketed text is a label, not the job. */
const SQUARE_TAG = /\[[^[\]\n]{0,40}\]/gu;
/**
 * (urgent), {P1}, (wip): one token in parentheses or braces. A longer parenthetical, "(in the
 * auth module)", or a path, "(src/auth.ts)", is part of the job and stays.
 */
const ROUND_TAG = /[({][\p{L}\p{N}_:!-]{1,24}[)}]/gu;

/** Status words people put on a task that change nothing about the work. */
const STATUS_WORDS = /\b(?:wip|urgent|asap|draft)\b/giu;

const whole = (pattern: RegExp): RegExp => new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace('g', ''));
const TICKET_ONLY = [whole(TICKET_KEY), whole(HASH_REF), whole(NUMBERED_REF)];
const isTicketReference = (text: string): boolean => TICKET_ONLY.some((pattern) => pattern.test(text));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Agent names as whole words, with or without an @ (so "@ada", "ada:" and "agent ada" all go). */
function namePattern(names: readonly string[]): RegExp | null {
  const usable = [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
  if (usable.length === 0) return null;
  // Longest first, so "ada-2" goes whole before "ada" could take part of it.
  const alternatives = usable.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return new RegExp(String.raw`(?<![\p{L}\p{N}_-])@?(?:${alternatives})(?![\p{L}\p{N}_-])`, 'giu');
}

export interface StrippedTask {
  /** The task with ticket references, tags, status words and agent names replaced by spaces. */
  text: string;
  /** Which kinds of marker were found (and taken out). */
  markers: TaskMarker[];
}

/** Takes the markers out of a task; `names` are agent names that are no part of anyone's job. */
export function stripTaskMarkers(task: string, names: readonly string[] = []): StrippedTask {
  const markers = new Set<TaskMarker>();
  let text = task;
  const take = (pattern: RegExp, marker: TaskMarker | ((found: string) => TaskMarker)): void => {
    text = text.replace(pattern, (found) => {
      markers.add(typeof marker === 'string' ? marker : marker(found));
      return ' ';
    });
  };
  // "[PROJ-12]" is a ticket reference in brackets; "[wip]" a tag.
  const bracketed = (found: string): TaskMarker => (isTicketReference(found.slice(1, -1).trim()) ? 'ticket references' : 'tags');
  take(ISSUE_URL, 'ticket references');
  // Tags before keys: "[PROJ-12]" is a tag and a key at once, and goes whole.
  take(SQUARE_TAG, bracketed);
  take(ROUND_TAG, bracketed);
  take(TICKET_KEY, 'ticket references');
  // "PR #4" before "#4", so the word naming the reference goes with it.
  take(NUMBERED_REF, 'ticket references');
  take(HASH_REF, 'ticket references');
  take(STATUS_WORDS, 'tags');
  const byName = namePattern(names);
  if (byName) take(byName, 'agent names');
  return { text, markers: [...markers] };
}
