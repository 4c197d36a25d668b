/**
 * Blanks comments and the insides of string literals, keeping every offset and newline, so the
 * import scanners can use plain regular expressions without matching `import` in a comment or a
 * string, and still read a specifier back from the original text at the same offsets. Not a
 * parser: a few constructs (a regex literal after `)`, JSX text with quotes) are guessed.
 */

const blank = (out: string[], from: number, to: number): void => {
  for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
};

/** After these words a `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const REGEX_AFTER_PUNCTUATION = '(,=:[!&|?{};+-*%<>~^';
const WORD_START = /[A-Za-z_$\d]/;
const WORD_CHAR = /[\w$]/;

/** End (exclusive) of a quoted string starting at `start`; strings end at an unescaped newline. */
function stringEnd(src: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return src.length;
}

/** Whether the string from `start` to `end` ended with its quote (not at a newline or the end). */
const closed = (src: string, start: number, end: number, quote: string): boolean => end - 1 > start && src[end - 1] === quote;

/** End of a regex literal starting at `start`, or -1 when it is not one after all (a newline). */
function regexEnd(src: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') return -1;
    if (c === '\\') i += 2;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i++;
    }
  }
  i++;
  while (i < src.length && /[a-z]/i.test(src[i]!)) i++;
  return i;
}

export function maskJavaScript(src: string): string {
  const out = src.split('');
  // Brace depth at which each open template literal's `${` began.
  const templates: number[] = [];
  let depth = 0;
  let lastPunctuation = '';
  let lastWord = '';
  let i = 0;
  /** Scans template text from `from`; stops after the closing backtick or after `${`. */
  const templateText = (from: number): number => {
    let k = from;
    while (k < src.length) {
      const c = src[k]!;
      if (c === '\\') k += 2;
      else if (c === '`') {
        blank(out, from, k);
        return k + 1;
      } else if (c === '$' && src[k + 1] === '{') {
        blank(out, from, k);
        templates.push(depth);
        depth++;
        return k + 2;
      } else k++;
    }
    blank(out, from, src.length);
    return src.length;
  };
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(out, i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(out, i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(src, i, c);
      blank(out, i + 1, closed(src, i, end, c) ? end - 1 : end);
      i = end;
      lastPunctuation = '';
      lastWord = 'string';
    } else if (c === '`') {
      i = templateText(i + 1);
      lastPunctuation = '';
      lastWord = 'string';
    } else if (c === '/' && (lastWord === '' ? lastPunctuation === '' || REGEX_AFTER_PUNCTUATION.includes(lastPunctuation) : REGEX_AFTER_WORDS.has(lastWord))) {
      const end = regexEnd(src, i);
      if (end < 0) {
        lastPunctuation = c;
        i++;
      } else {
        blank(out, i + 1, end);
        i = end;
        lastPunctuation = '';
        lastWord = 'regex';
      }
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < src.length && WORD_CHAR.test(src[end]!)) end++;
      lastWord = src.slice(i, end);
      lastPunctuation = '';
      i = end;
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && templates.at(-1) === depth) {
          templates.pop();
          i = templateText(i + 1);
          lastPunctuation = '';
          lastWord = 'string';
          continue;
        }
      }
      if (!/\s/.test(c)) {
        lastPunctuation = c;
        lastWord = '';
      }
      i++;
    }
  }
  return out.join('');
}

/** Python: `#` comments, and '…', "…", '''…''', """…""" strings (any prefix; the prefix is code). */
export function maskPython(src: string): string {
  const out = src.split('');
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(out, i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const triple = src.startsWith(c.repeat(3), i);
      if (triple) {
        let k = i + 3;
        while (k < src.length && !src.startsWith(c.repeat(3), k)) k += src[k] === '\\' ? 2 : 1;
        const stop = Math.min(src.length, k + 3);
        blank(out, i + 3, Math.min(k, src.length));
        i = stop;
      } else {
        const end = stringEnd(src, i, c);
        blank(out, i + 1, closed(src, i, end, c) ? end - 1 : end);
        i = end;
      }
    } else i++;
  }
  return out.join('');
}
