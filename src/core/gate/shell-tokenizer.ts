/**
 * A small POSIX-shell tokenizer: enough of bash to find the words, operators, redirections and
 * here-documents of the commands Codex runs. Quotes are removed the way the shell removes them;
 * anything whose value only exists at run time (`$VAR`, `$(…)`, backticks, `~`) is flagged so
 * that the caller can say "unknown" instead of guessing.
 */

export interface Word {
  kind: 'word';
  /** The value after quote removal (expansions left as written). */
  text: string;
  /** The same value as a picomatch glob: unquoted `*?[{` stay syntax, quoted ones are escaped. */
  pattern: string;
  /** Why the value is only known at run time (`$(…)`, `$HOME`, …), or null when it is literal. */
  dynamic: string | null;
  /** Unquoted glob or brace syntax: the shell will expand it into file names. */
  glob: boolean;
  /** Any part was quoted (so `''` is an empty word, not nothing). */
  quoted: boolean;
}

export type Operator = '&&' | '||' | ';' | '|' | '|&' | '&' | '\n' | '(' | ')';

export type RedirectOp = '>' | '>>' | '>|' | '&>' | '&>>' | '<>' | '>&' | '<&' | '<' | '<<' | '<<-' | '<<<';

export interface Redirect {
  kind: 'redirect';
  op: RedirectOp;
  fd: number | null;
  target: Word | null;
  /** The here-document's text, for `<<` and `<<-`. */
  body: string | null;
}

export type ShellToken = Word | { kind: 'op'; op: Operator } | Redirect;

export interface Tokenized {
  tokens: ShellToken[];
  /** Set when the text is not valid shell (an unterminated quote, …); tokens are then partial. */
  error: string | null;
}

const GLOB_SPECIALS = /[*?[\]{}()!+@\\]/g;
const escapeGlob = (text: string): string => text.replace(GLOB_SPECIALS, (ch) => `\\${ch}`);
const NAME_START = /[A-Za-z_]/;
const SPECIAL_PARAMS = /[@*#?$!0-9-]/;

const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

class WordBuilder {
  text = '';
  pattern = '';
  dynamic: string | null = null;
  glob = false;
  quoted = false;
  started = false;

  literal(chars: string, quoted: boolean): void {
    this.started = true;
    this.text += chars;
    this.pattern += quoted ? escapeGlob(chars) : chars;
  }

  expansion(raw: string, why: string): void {
    this.started = true;
    this.text += raw;
    this.pattern += escapeGlob(raw);
    this.dynamic ??= why;
  }

  build(): Word {
    return { kind: 'word', text: this.text, pattern: this.pattern, dynamic: this.dynamic, glob: this.glob, quoted: this.quoted };
  }
}

/** Index just past the `close` that balances the `open` at `start`, skipping quoted text; -1 if none. */
function skipBalanced(script: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < script.length; i++) {
    const ch = script[i];
    if (ch === '\\') {
      i++;
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '"') {
      for (i++; i < script.length && script[i] !== '"'; i++) if (script[i] === '\\') i++;
      if (i >= script.length) return -1;
    } else if (ch === open) {
      depth++;
    } else if (ch === close) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function tokenizeShell(script: string): Tokenized {
  const tokens: ShellToken[] = [];
  const pendingHeredocs: Redirect[] = [];
  let word = new WordBuilder();
  let awaitingTarget: Redirect | null = null;
  let error: string | null = null;
  let i = 0;

  const endWord = (): void => {
    if (!word.started) return;
    const built = word.build();
    word = new WordBuilder();
    if (awaitingTarget) {
      awaitingTarget.target = built;
      if (awaitingTarget.op === '<<' || awaitingTarget.op === '<<-') pendingHeredocs.push(awaitingTarget);
      awaitingTarget = null;
    } else {
      tokens.push(built);
    }
  };

  const readHeredocBodies = (): void => {
    for (const heredoc of pendingHeredocs.splice(0)) {
      const delimiter = heredoc.target?.text ?? '';
      const lines: string[] = [];
      // bash warns but still runs a here-document that reaches the end of the script.
      while (i < script.length) {
        const end = script.indexOf('\n', i);
        const line = script.slice(i, end < 0 ? script.length : end);
        i = end < 0 ? script.length : end + 1;
        const compared = heredoc.op === '<<-' ? line.replace(/^\t+/, '') : line;
        if (compared === delimiter) break;
        lines.push(line);
      }
      heredoc.body = lines.join('\n');
    }
  };

  const pushOp = (op: Operator): void => {
    endWord();
    tokens.push({ kind: 'op', op });
  };

  const startRedirect = (op: RedirectOp, length: number): void => {
    // A word made only of digits right before the operator is its file descriptor (`2>`).
    let fd: number | null = null;
    if (word.started && !word.quoted && word.dynamic === null && /^\d+$/.test(word.text)) {
      fd = Number(word.text);
      word = new WordBuilder();
    } else {
      endWord();
    }
    const redirect: Redirect = { kind: 'redirect', op, fd, target: null, body: null };
    tokens.push(redirect);
    awaitingTarget = redirect;
    i += length;
  };

  /** `$…` at i: appends it to the word and returns the index after it. */
  const readDollar = (inDoubleQuotes: boolean): number => {
    const next = script[i + 1];
    if (next === '(') {
      const arithmetic = script[i + 2] === '(';
      const end = skipBalanced(script, i + 1, '(', ')');
      const stop = end < 0 ? script.length : end;
      if (end < 0) error ??= 'an unterminated $( … )';
      word.expansion(script.slice(i, stop), arithmetic ? '$(( … ))' : '$( … )');
      return stop;
    }
    if (next === '{') {
      const end = skipBalanced(script, i + 1, '{', '}');
      const stop = end < 0 ? script.length : end;
      if (end < 0) error ??= 'an unterminated ${ … }';
      word.expansion(script.slice(i, stop), '${ … }');
      return stop;
    }
    if (next === "'" && !inDoubleQuotes) {
      word.quoted = true;
      let j = i + 2;
      let text = '';
      for (; j < script.length && script[j] !== "'"; j++) {
        if (script[j] === '\\' && j + 1 < script.length) {
          const esc = script[++j]!;
          text += ANSI_C_ESCAPES[esc] ?? `\\${esc}`;
        } else {
          text += script[j];
        }
      }
      if (j >= script.length) error ??= "an unterminated $' … '";
      word.literal(text, true);
      return j + 1;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < script.length && /[A-Za-z0-9_]/.test(script[j]!)) j++;
      word.expansion(script.slice(i, j), script.slice(i, j));
      return j;
    }
    if (next !== undefined && SPECIAL_PARAMS.test(next)) {
      word.expansion(script.slice(i, i + 2), script.slice(i, i + 2));
      return i + 2;
    }
    word.literal('$', inDoubleQuotes);
    return i + 1;
  };

  const readBacktick = (): number => {
    let j = i + 1;
    for (; j < script.length && script[j] !== '`'; j++) if (script[j] === '\\') j++;
    if (j >= script.length) error ??= 'an unterminated backquote';
    word.expansion(script.slice(i, j + 1), '` … `');
    return j + 1;
  };

  while (i < script.length) {
    const ch = script[i]!;
    const two = script.slice(i, i + 2);
    const three = script.slice(i, i + 3);

    if (ch === '\\') {
      if (script[i + 1] === '\n') {
        i += 2;
        continue;
      }
      word.quoted = true;
      word.literal(script[i + 1] ?? '\\', true);
      i += 2;
      continue;
    }
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) {
        error ??= 'an unterminated single quote';
        word.literal(script.slice(i + 1), true);
        i = script.length;
      } else {
        word.literal(script.slice(i + 1, end), true);
        i = end + 1;
      }
      word.quoted = true;
      continue;
    }
    if (ch === '"') {
      word.quoted = true;
      word.started = true;
      i++;
      while (i < script.length && script[i] !== '"') {
        const c = script[i]!;
        if (c === '\\' && i + 1 < script.length && '$`"\\\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') word.literal(script[i + 1]!, true);
          i += 2;
        } else if (c === '$') {
          i = readDollar(true);
        } else if (c === '`') {
          i = readBacktick();
        } else {
          word.literal(c, true);
          i++;
        }
      }
      if (i >= script.length) error ??= 'an unterminated double quote';
      i++;
      continue;
    }
    if (ch === '$') {
      i = readDollar(false);
      continue;
    }
    if (ch === '`') {
      i = readBacktick();
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    if (ch === '\n') {
      pushOp('\n');
      i++;
      readHeredocBodies();
      continue;
    }
    if (ch === '#' && !word.started) {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if ((ch === '<' || ch === '>') && script[i + 1] === '(') {
      const end = skipBalanced(script, i + 1, '(', ')');
      const stop = end < 0 ? script.length : end;
      word.expansion(script.slice(i, stop), 'process substitution');
      i = stop;
      continue;
    }
    if (three === '&>>') {
      startRedirect('&>>', 3);
      continue;
    }
    if (two === '&>') {
      startRedirect('&>', 2);
      continue;
    }
    if (three === '<<<') {
      startRedirect('<<<', 3);
      continue;
    }
    if (three === '<<-') {
      startRedirect('<<-', 3);
      continue;
    }
    const redirect = (['>>', '>|', '>&', '<<', '<&', '<>'] as const).find((op) => op === two);
    if (redirect) {
      startRedirect(redirect, 2);
      continue;
    }
    if (ch === '>' || ch === '<') {
      startRedirect(ch, 1);
      continue;
    }
    const op = (['&&', '||', '|&', ';;'] as const).find((o) => o === two);
    if (op) {
      pushOp(op === ';;' ? ';' : op);
      i += 2;
      continue;
    }
    if (ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      pushOp(ch);
      i++;
      continue;
    }
    if ('*?['.includes(ch)) word.glob = true;
    if (ch === '{' && /^\{[^}\s]*(,|\.\.)[^}\s]*\}/.test(script.slice(i))) word.glob = true;
    if (ch === '~' && !word.started) {
      let j = i + 1;
      while (j < script.length && !/[\s/;&|()<>]/.test(script[j]!)) j++;
      word.expansion(script.slice(i, j), '~ (a home directory)');
      i = j;
      continue;
    }
    word.literal(ch, false);
    i++;
  }
  endWord();
  if (awaitingTarget) error ??= 'a redirection without a target';
  readHeredocBodies();
  return { tokens, error };
}
