/**
 * Whether some path could match two patterns, decided segment by segment: literal against
 * literal, `*`/`?`/classes by intersecting character sets, braces by their alternatives, and `**`
 * spanning any number of segments. The search yields a witness path; an overlap is "certain" only
 * when both real matchers accept the witness, otherwise it is reported as "may overlap". Widened
 * models (see glob-model.ts) make a "no overlap" answer trustworthy: it is sound, never guessed.
 */
import { compileGlob } from './glob-matcher';
import { ANY_CHAR, modelGlob, type CharSet, type PatternModel, type Segment, type SegmentToken } from './glob-model';

export interface OverlapVerdict {
  overlap: boolean;
  /** False when the overlap could not be confirmed and is assumed to be safe. */
  certain: boolean;
  reason: string;
}

export interface OverlapOperand {
  /** How the pattern is shown in reasons. */
  display: string;
  model: PatternModel;
  /** The real matcher (picomatch, or a prefix test for literal paths) used to confirm a witness. */
  matches: (path: string) => boolean;
}

/** Longer patterns are not searched (the search recurses per character); they may overlap. */
export const MAX_MODELLED_PATTERN_LENGTH = 1_024;

/** Characters tried first for a witness, so reasons show readable paths. */
const PREFERRED_WITNESS_CHARS = 'xabcdefghijklmnopqrstuvwyz0123456789_-';
/** How far into a set's ranges to look for a member the other set also has. */
const MAX_RANGE_SCAN = 512;
const SLASH = '/'.charCodeAt(0);

function inSet(set: CharSet, c: number): boolean {
  if (c === SLASH) return false;
  const inRanges = set.ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return set.negated ? !inRanges : inRanges;
}

/** A character both sets contain, or null when they share none. */
export function commonChar(a: CharSet, b: CharSet): string | null {
  for (const ch of PREFERRED_WITNESS_CHARS) {
    const c = ch.charCodeAt(0);
    if (inSet(a, c) && inSet(b, c)) return ch;
  }
  const positives = [a, b].filter((s) => !s.negated);
  if (positives.length === 0) {
    // Two negated sets each exclude finitely many characters; printable ASCII has a shared one
    // unless they exclude it all between them, in which case the wider scan below decides.
    for (let c = 0x21; c < 0xffff; c++) if (inSet(a, c) && inSet(b, c)) return String.fromCharCode(c);
    return null;
  }
  for (const [lo, hi] of positives[0]!.ranges) {
    for (let c = lo; c <= Math.min(hi, lo + MAX_RANGE_SCAN); c++) {
      if (inSet(a, c) && inSet(b, c)) return String.fromCharCode(c);
    }
  }
  return null;
}

const STAR_VARIANT: SegmentToken[] = [{ kind: 'star' }];
const tokenSet = (token: SegmentToken): CharSet => (token.kind === 'star' ? ANY_CHAR : token.set);

/** A non-empty segment both token lists match, or null. */
function tokensWitness(a: SegmentToken[], b: SegmentToken[]): string | null {
  const memo = new Map<number, string | null>();
  const visit = (i: number, j: number, nonEmpty: boolean): string | null => {
    const key = (i * (b.length + 1) + j) * 2 + (nonEmpty ? 1 : 0);
    if (memo.has(key)) return memo.get(key)!;
    let result: string | null = null;
    const ta = a[i];
    const tb = b[j];
    const consume = (): void => {
      if (result !== null || ta === undefined || tb === undefined) return;
      const ni = ta.kind === 'star' ? i : i + 1;
      const nj = tb.kind === 'star' ? j : j + 1;
      // Two stars both staying put only matter for making the segment non-empty.
      if (ni === i && nj === j && nonEmpty) return;
      const ch = commonChar(tokenSet(ta), tokenSet(tb));
      if (ch === null) return;
      const rest = visit(ni, nj, true);
      if (rest !== null) result = ch + rest;
    };
    // Consuming first at the start of a segment gives readable witnesses (`x.ts`, not `.ts`).
    if (!nonEmpty) consume();
    if (result === null && ta === undefined && tb === undefined) result = nonEmpty ? '' : null;
    if (result === null && ta?.kind === 'star') result = visit(i + 1, j, nonEmpty);
    if (result === null && tb?.kind === 'star') result = visit(i, j + 1, nonEmpty);
    consume();
    memo.set(key, result);
    return result;
  };
  return visit(0, 0, false);
}

function segmentWitness(a: Segment, b: Segment): string | null {
  const av = a.kind === 'segment' ? a.variants : [STAR_VARIANT];
  const bv = b.kind === 'segment' ? b.variants : [STAR_VARIANT];
  for (const x of av) {
    for (const y of bv) {
      const w = tokensWitness(x, y);
      if (w !== null) return w;
    }
  }
  return null;
}

const STAR_SEGMENT: Segment = { kind: 'segment', variants: [STAR_VARIANT] };

/** Path segments both segment lists match (possibly none), or null. */
function pathWitness(a: Segment[], b: Segment[]): string[] | null {
  const memo = new Map<number, string[] | null>();
  const visit = (i: number, j: number): string[] | null => {
    const key = i * (b.length + 1) + j;
    if (memo.has(key)) return memo.get(key)!;
    const sa = a[i];
    const sb = b[j];
    let result: string[] | null = null;
    const step = (segment: string | null, ni: number, nj: number): void => {
      if (result !== null || segment === null) return;
      const rest = visit(ni, nj);
      if (rest !== null) result = [segment, ...rest];
    };
    if (sa === undefined && sb === undefined) result = [];
    if (result === null && sa?.kind === 'globstar') result = visit(i + 1, j);
    if (result === null && sb?.kind === 'globstar') result = visit(i, j + 1);
    if (sa !== undefined && sb !== undefined) {
      if (sa.kind === 'segment' && sb.kind === 'segment') step(segmentWitness(sa, sb), i + 1, j + 1);
      if (sa.kind === 'globstar' && sb.kind === 'segment') step(segmentWitness(STAR_SEGMENT, sb), i, j + 1);
      if (sa.kind === 'segment' && sb.kind === 'globstar') step(segmentWitness(sa, STAR_SEGMENT), i + 1, j);
    }
    memo.set(key, result);
    return result;
  };
  return visit(0, 0);
}

const isNormalPath = (path: string): boolean => path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

/** A witness the model found, confirmed against the real matchers, or null if none confirms. */
function confirm(a: OverlapOperand, b: OverlapOperand, segments: string[]): string | null {
  const base = segments.length > 0 ? segments.join('/') : 'x';
  // picomatch sometimes wants a trailing `**` to match at least one segment (`a/*/**`).
  for (const candidate of [base, `${base}/x`]) {
    if (isNormalPath(candidate) && a.matches(candidate) && b.matches(candidate)) return candidate;
  }
  return null;
}

export function operandsOverlap(a: OverlapOperand, b: OverlapOperand): OverlapVerdict {
  const maybe: OverlapVerdict = { overlap: true, certain: false, reason: `may overlap: ${a.display} and ${b.display}` };
  if (a.display.length > MAX_MODELLED_PATTERN_LENGTH || b.display.length > MAX_MODELLED_PATTERN_LENGTH) return maybe;
  let unconfirmed = false;
  for (const x of a.model.alternatives) {
    for (const y of b.model.alternatives) {
      const segments = pathWitness(x.segments, y.segments);
      if (segments === null) continue;
      const witness = confirm(a, b, segments);
      if (witness !== null) {
        return { overlap: true, certain: true, reason: `overlap: ${a.display} and ${b.display} both match ${witness}` };
      }
      unconfirmed = true;
    }
  }
  if (unconfirmed) return maybe;
  return { overlap: false, certain: true, reason: `no path matches both ${a.display} and ${b.display}` };
}

export function globOperand(pattern: string, caseInsensitive = false): OverlapOperand {
  return { display: pattern, model: modelGlob(pattern, caseInsensitive), matches: compileGlob(pattern, caseInsensitive) };
}

/** Whether some path could match both picomatch globs (matched with `dot: true`). */
export function globsOverlap(a: string, b: string, options: { caseInsensitive?: boolean } = {}): OverlapVerdict {
  const caseInsensitive = options.caseInsensitive ?? false;
  return operandsOverlap(globOperand(a, caseInsensitive), globOperand(b, caseInsensitive));
}
