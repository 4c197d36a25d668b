/**
 * A glob reduced to what the overlap check can reason about: alternatives (from braces) made of
 * path segments, each segment either `**` or a list of character-level tokens. Whatever the model
 * cannot represent exactly it widens (never narrows) and marks `approximate`, so an overlap
 * answer built on it can be unsure but never wrong about "no overlap".
 */
import { classEnd, expandBraces } from './brace-expansion';

export interface CharSet {
  /** A negated set holds every character except its ranges (and never `/`). */
  negated: boolean;
  /** Inclusive UTF-16 code-unit ranges. */
  ranges: Array<[number, number]>;
}

export type SegmentToken = { kind: 'star' } | { kind: 'char'; set: CharSet };

export type Segment =
  | { kind: 'globstar' }
  /** Any of the variants; picomatch lets `[ab]` also match its own text, hence more than one. */
  | { kind: 'segment'; variants: SegmentToken[][] };

export interface Alternative {
  segments: Segment[];
  approximate: boolean;
}

export interface PatternModel {
  alternatives: Alternative[];
}

/** Each bracket class doubles a segment's variants; past this the segment becomes `*`. */
const MAX_SEGMENT_VARIANTS = 64;

/** Characters that end the literal prefix of a pattern: anything picomatch may read as syntax. */
const SYNTAX_CHARS = new Set(['*', '?', '[', ']', '{', '}', '(', ')', '|', '!', '+', '@', '\\']);

export const ANY_CHAR: CharSet = { negated: true, ranges: [] };
const code = (ch: string): number => ch.charCodeAt(0);
const single = (ch: string): CharSet => ({ negated: false, ranges: [[code(ch), code(ch)]] });
const literalTokens = (text: string): SegmentToken[] => [...text].map((ch) => ({ kind: 'char', set: single(ch) }));
const fold = (text: string, caseInsensitive: boolean): string => (caseInsensitive ? text.toLowerCase() : text);

/**
 * Whether every match starts with the pattern's literal prefix. Not so for a leading `!`
 * (negation), nor for a `|` outside a balanced group: picomatch's regex then has a top-level
 * alternative (`x/*a|b` matches `b`).
 */
function confinedByPrefix(pattern: string): boolean {
  if (pattern.startsWith('!')) return false;
  if (!pattern.includes('|')) return true;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end > 0) i = end - 1;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    // An unopened `)` or a `|` outside any group: picomatch leaves the `|` at the top level.
    if (depth < 0 || (ch === '|' && depth === 0)) return false;
  }
  // An unclosed `(` is literal to picomatch, which again leaves its `|` at the top level.
  return depth === 0;
}

/** picomatch ignores a leading `./`; so must the model, or `./!x` would hide a negation. */
const stripLeadingDotSlash = (pattern: string): string => pattern.replace(/^(?:\.\/+)+/, '');

const EVERYTHING: Alternative = { segments: [{ kind: 'globstar' }], approximate: true };

/**
 * The leading path segments of a pattern that are plain text. Every path the pattern matches
 * starts with them, which is what lets the claim index file a glob under that prefix.
 */
export function literalPrefixSegments(glob: string): string[] {
  const pattern = stripLeadingDotSlash(glob);
  if (!confinedByPrefix(pattern)) return [];
  const parts = pattern.split('/');
  const prefix: string[] = [];
  // The last part is never a prefix on its own: a pattern is at least one segment long.
  for (const part of parts.slice(0, -1)) {
    if (part === '' || [...part].some((ch) => SYNTAX_CHARS.has(ch))) break;
    prefix.push(part);
  }
  return prefix;
}

function prefixApproximation(pattern: string, caseInsensitive: boolean): Alternative {
  const segments: Segment[] = literalPrefixSegments(pattern).map((part) => ({
    kind: 'segment',
    variants: [literalTokens(fold(part, caseInsensitive))],
  }));
  segments.push({ kind: 'globstar' });
  return { segments, approximate: true };
}

type ClassParse = { kind: 'class'; set: CharSet; end: number } | { kind: 'not-a-class' } | { kind: 'crosses-slash' };

function parseClass(pattern: string, start: number, caseInsensitive: boolean): ClassParse {
  const end = classEnd(pattern, start);
  if (end < 0) return { kind: 'not-a-class' };
  const body = pattern.slice(start + 1, end - 1);
  // Escapes (`[\W]`) and POSIX classes (`[[:punct:]]`) can match `/`, like a literal one.
  if (body.includes('/') || body.includes('\\') || body.includes('[:')) return { kind: 'crosses-slash' };
  const negated = body.startsWith('^');
  // `[!…]` is read differently across picomatch versions and options: keep its members only to
  // see whether a range spans `/`, then widen it to "any one character".
  const bang = body.startsWith('!');
  const members = negated || bang ? body.slice(1) : body;
  const ranges: Array<[number, number]> = [];
  let reversed = false;
  for (let i = 0; i < members.length; i++) {
    const lo = code(members[i]!);
    if (members[i + 1] === '-' && i + 2 < members.length) {
      const hi = code(members[i + 2]!);
      // A range spanning `/` would let one "character" cross a segment boundary.
      if (lo <= code('/') && hi >= code('/')) return { kind: 'crosses-slash' };
      reversed ||= hi < lo;
      ranges.push([lo, hi]);
      i += 2;
    } else {
      ranges.push([lo, lo]);
    }
  }
  if (bang || reversed || caseInsensitive) return { kind: 'class', set: ANY_CHAR, end };
  return { kind: 'class', set: { negated, ranges }, end };
}

/** A segment's token list, with each bracket class as a choice between the class and its text. */
type Piece = { tokens: SegmentToken[] } | { choice: [SegmentToken[], SegmentToken[]] };

function segmentVariants(pieces: Piece[]): { variants: SegmentToken[][]; approximate: boolean } {
  let variants: SegmentToken[][] = [[]];
  for (const piece of pieces) {
    if ('tokens' in piece) {
      variants = variants.map((v) => [...v, ...piece.tokens]);
      continue;
    }
    variants = variants.flatMap((v) => [
      [...v, ...piece.choice[0]],
      [...v, ...piece.choice[1]],
    ]);
    if (variants.length > MAX_SEGMENT_VARIANTS) return { variants: [[{ kind: 'star' }]], approximate: true };
  }
  return { variants, approximate: false };
}

function modelAlternative(alternative: string, caseInsensitive: boolean, approximate: boolean): Alternative {
  const pattern = stripLeadingDotSlash(alternative);
  if (!confinedByPrefix(pattern)) return EVERYTHING;
  // Parentheses are regex groups or extglobs; keep only what precedes them.
  if (pattern.includes('(') || pattern.includes(')')) return prefixApproximation(pattern, caseInsensitive);

  const segments: Segment[] = [];
  let pieces: Piece[] = [];
  let raw = '';
  let approx = approximate;
  const endSegment = (): void => {
    if (raw === '**') segments.push({ kind: 'globstar' });
    else if (raw !== '') {
      const built = segmentVariants(pieces);
      approx ||= built.approximate;
      segments.push({ kind: 'segment', variants: built.variants });
    }
    pieces = [];
    raw = '';
  };
  const lastIsStar = (): boolean => {
    const last = pieces.at(-1);
    return last !== undefined && 'tokens' in last && last.tokens.length === 1 && last.tokens[0]!.kind === 'star';
  };

  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '/') {
      endSegment();
      continue;
    }
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === '/') return prefixApproximation(pattern, caseInsensitive);
      const literal = next ?? '\\';
      raw += `\\${literal}`;
      pieces.push({ tokens: literalTokens(fold(literal, caseInsensitive)) });
      i++;
      continue;
    }
    // After a bracket or brace picomatch leaves `+` as a regex "one or more": widen it to `*`.
    if (ch === '+' && (pattern[i - 1] === ']' || pattern[i - 1] === '}')) {
      raw += ch;
      approx = true;
      if (!lastIsStar()) pieces.push({ tokens: [{ kind: 'star' }] });
      continue;
    }
    if (ch === '*') {
      raw += ch;
      if (!lastIsStar()) pieces.push({ tokens: [{ kind: 'star' }] });
      continue;
    }
    if (ch === '?') {
      raw += ch;
      pieces.push({ tokens: [{ kind: 'char', set: ANY_CHAR }] });
      continue;
    }
    if (ch === '[') {
      const parsed = parseClass(pattern, i, caseInsensitive);
      if (parsed.kind === 'crosses-slash') return prefixApproximation(pattern, caseInsensitive);
      if (parsed.kind === 'class') {
        const text = pattern.slice(i, parsed.end);
        raw += text;
        pieces.push({ choice: [[{ kind: 'char', set: parsed.set }], literalTokens(fold(text, caseInsensitive))] });
        i = parsed.end - 1;
        continue;
      }
    }
    raw += ch;
    pieces.push({ tokens: literalTokens(fold(ch, caseInsensitive)) });
  }
  endSegment();
  return { segments, approximate: approx };
}

/** picomatch accepts a path equal to the glob's own text (`{a,b}` matches the file `{a,b}`). */
function ownText(pattern: string, caseInsensitive: boolean): Alternative {
  const segments: Segment[] = pattern
    .split('/')
    .filter((s) => s !== '')
    .map((s) => ({ kind: 'segment', variants: [literalTokens(fold(s, caseInsensitive))] }));
  return { segments, approximate: false };
}

/** The model of a picomatch glob (matched with `dot: true`). */
export function modelGlob(pattern: string, caseInsensitive = false): PatternModel {
  const expanded = expandBraces(pattern);
  const own = ownText(pattern, caseInsensitive);
  if (expanded === null) return { alternatives: [prefixApproximation(pattern, caseInsensitive), own] };
  return { alternatives: [...expanded.map((e) => modelAlternative(e.pattern, caseInsensitive, e.approximate)), own] };
}

/** The model of a literal path; `recursive` adds everything under it (a directory claim). */
export function modelLiteralPath(segments: readonly string[], recursive: boolean, caseInsensitive = false): PatternModel {
  const modelled: Segment[] = segments.map((s) => ({ kind: 'segment', variants: [literalTokens(fold(s, caseInsensitive))] }));
  if (recursive) modelled.push({ kind: 'globstar' });
  return { alternatives: [{ segments: modelled, approximate: false }] };
}
