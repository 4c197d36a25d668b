/**
 * Expands picomatch braces (`{a,b}`, nested) into the alternative patterns they stand for, so the
 * overlap check can treat each alternative as a plain glob. Ranges (`{1..9}`) become a `*`, a
 * superset of what they match, and the result says it is approximate.
 */

/** Beyond this many alternatives per pattern the caller over-approximates instead. */
export const MAX_BRACE_ALTERNATIVES = 256;

export interface ExpandedPattern {
  pattern: string;
  /** True when a part was widened (a range became `*`). */
  approximate: boolean;
}

/** Index just past the `]` closing the class that opens at `start`, or -1 when it is not a class. */
export function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^' || pattern[i] === '!') i++;
  // A `]` right after the opening (or its negation) is a member, not the end.
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    // A POSIX class (`[:alpha:]`) is one member; its `]` does not close the bracket.
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (pattern[i] === ']') return i + 1;
  }
  return -1;
}

interface BraceGroup {
  open: number;
  close: number;
  /** Top-level comma-separated parts of the content. */
  parts: string[];
}

function findBraceGroup(pattern: string): BraceGroup | 'unclosed' | null {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end > 0) i = end - 1;
      continue;
    }
    if (ch !== '{') continue;
    let depth = 0;
    const parts: string[] = [];
    let partStart = i + 1;
    for (let j = i; j < pattern.length; j++) {
      const c = pattern[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '[') {
        const end = classEnd(pattern, j);
        if (end > 0) j = end - 1;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          parts.push(pattern.slice(partStart, j));
          return { open: i, close: j, parts };
        }
      } else if (c === ',' && depth === 1) {
        parts.push(pattern.slice(partStart, j));
        partStart = j + 1;
      }
    }
    return 'unclosed';
  }
  return null;
}

const RANGE = /^-?[A-Za-z0-9]+\.\.-?[A-Za-z0-9]+(\.\.-?\d+)?$/;

const escapeFirstBrace = (pattern: string, at: number): string => `${pattern.slice(0, at)}\\${pattern.slice(at)}`;

/** All alternatives of the pattern, or null when there are too many or picomatch reads it its own way. */
export function expandBraces(pattern: string): ExpandedPattern[] | null {
  const out: ExpandedPattern[] = [];
  const pending: ExpandedPattern[] = [{ pattern, approximate: false }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    const group = findBraceGroup(item.pattern);
    if (group === null) {
      out.push(item);
      if (out.length > MAX_BRACE_ALTERNATIVES) return null;
      continue;
    }
    if (group === 'unclosed') {
      // picomatch reads an unclosed brace literally.
      const at = firstUnescaped(item.pattern, '{');
      pending.push({ pattern: escapeFirstBrace(item.pattern, at), approximate: item.approximate });
      continue;
    }
    const before = item.pattern.slice(0, group.open);
    const after = item.pattern.slice(group.close + 1);
    // picomatch turns a segment-leading `**` right before a brace into a globstar that spans
    // slashes (`**{a,b}` matches `x/a`), which no expansion reproduces: give up, the caller widens.
    if (/(^|\/)\*\*$/.test(before)) return null;
    // `{a,b}+` is a regex "one or more" of the group in picomatch: widen the `+` to `*`.
    const repeated = after.startsWith('+');
    const rest = repeated ? `*${after.slice(1)}` : after;
    const approximate = item.approximate || repeated;
    const only = group.parts[0] ?? '';
    if (group.parts.length > 1) {
      for (const part of group.parts) pending.push({ pattern: before + part + rest, approximate });
    } else if (RANGE.test(only)) {
      pending.push({ pattern: `${before}*${rest}`, approximate: true });
    } else {
      // `{a}` is literal in picomatch; escape both braces and keep expanding what follows.
      pending.push({ pattern: `${before}\\{${only}\\}${rest}`, approximate });
    }
    if (pending.length + out.length > MAX_BRACE_ALTERNATIVES) return null;
  }
  return out;
}

function firstUnescaped(pattern: string, wanted: string): number {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] === '[') {
      const end = classEnd(pattern, i);
      if (end > 0) {
        i = end - 1;
        continue;
      }
    }
    if (pattern[i] === wanted) return i;
  }
  return -1;
}
