/**
 * Text shaping for drafted commit messages: the first sentence of a task, a cut at a word
 * boundary, a wrap at a column. Lengths count code points, not UTF-16 units, so an emoji or a
 * CJK character is one character and is never cut in half.
 */

/** Abbreviations whose period does not end a sentence ("e.g. the parser"). */
const ABBREVIATIONS = /(^|[\s([])(e\.g|i\.e|etc|vs|cf|approx|incl)\.$/i;
/** A list marker or heading mark at the start of a line: `- `, `* `, `1. `, `2) `, `# `, `> `. */
const LINE_MARKER = /^(?:[-*+•]|\d{1,3}[.)]|#{1,6}|>)\s+/u;
/** A request's politeness, not its content ("Please add …" → "add …"). */
const REQUEST_PREFIX = /^(?:please|kindly|can you|could you|would you|i want you to|i'd like you to|you should|your task is to|task:)\s+/i;
/** What a subject must not end with: punctuation, an opening bracket, a dash. */
const TRAILING_PUNCTUATION = /[\s.,:;!?…\-–—([{'"“‘]+$/u;
/** A cut may fall this far back to reach a space; past it, a word is cut instead (long paths, CJK). */
const MIN_WORD_CUT_FRACTION = 0.5;

export const length = (text: string): number => Array.from(text).length;

/** The first line that says something, without a list marker or leading politeness. */
function firstLine(text: string): string {
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim().replace(LINE_MARKER, '').trim();
    for (let previous = ''; previous !== line; ) {
      previous = line;
      line = line.replace(REQUEST_PREFIX, '');
    }
    if (line !== '') return line;
  }
  return '';
}

/** The first sentence of the first line that says something, whitespace collapsed. */
export function firstSentence(text: string): string {
  const line = firstLine(text).replace(/\s+/g, ' ');
  const end = /[.!?](?=\s)/g;
  for (let match = end.exec(line); match !== null; match = end.exec(line)) {
    const upTo = line.slice(0, match.index + 1);
    if (!ABBREVIATIONS.test(upTo)) return line.slice(0, match.index);
  }
  return line;
}

export function withoutTrailingPunctuation(text: string): string {
  return text.replace(TRAILING_PUNCTUATION, '');
}

/**
 * `text` cut to at most `max` characters at the last space that keeps at least half of it (a
 * word is cut only when there is no such space), with no trailing punctuation.
 */
export function clipAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = max;
  const space = chars.slice(0, max + 1).lastIndexOf(' ');
  if (space >= max * MIN_WORD_CUT_FRACTION) cut = space;
  // A combining mark belongs to the character before it: never leave the base without it.
  while (cut > 0 && /\p{M}/u.test(chars[cut] ?? '')) cut--;
  return withoutTrailingPunctuation(chars.slice(0, cut).join(''));
}

/** Words wrapped into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && length(line) + 1 + length(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
/** Lower-cases the first letter, but not of an acronym or a name in capitals ("README", "CLI"). */
export const uncapitalise = (text: string): string => (/^\p{Lu}\p{Lu}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));
