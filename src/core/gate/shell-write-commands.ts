/**
 * What one simple shell command writes, for the commands agents use to change files: `tee`,
 * `sed -i`, `perl -i`, `mv`, `cp`, `install`, `ln`, `rm`, `rmdir`, `touch`, `mkdir`, `truncate`,
 * `dd of=`. Wrappers (`sudo`, `env`, `timeout`, …) are looked through, nested shells (`bash -lc`)
 * are handed back for another pass, and what cannot be known before it runs is "unknown".
 * Commands not listed here are assumed not to write files by name.
 */
import type { Word } from './shell-tokenizer';

export interface TargetWrite {
  word: Word;
  /** The target may be a directory whose whole content is written (`rm -r`, `mv`'s source). */
  recursive: boolean;
  via: string;
}

export type CommandAnalysis =
  | { kind: 'writes'; writes: TargetWrite[] }
  | { kind: 'unknown'; reason: string }
  /** `bash -c SCRIPT`: analyse SCRIPT too. */
  | { kind: 'shell'; script: Word }
  /** A shell reading its script from stdin (a here-document). */
  | { kind: 'shell-stdin' }
  | { kind: 'apply-patch'; patch: Word | null }
  | { kind: 'cd'; dir: Word | null };

const NOTHING: CommandAnalysis = { kind: 'writes', writes: [] };
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);

interface OptionSpec {
  /** Short options that take a value (`-t DIR`, `-tDIR`). */
  short?: string;
  /** Long options that take a value (`--target-directory DIR`, `--target-directory=DIR`). */
  long?: readonly string[];
}

interface ParsedArgs {
  options: Map<string, Word | null>;
  operands: Word[];
}

const literalWord = (text: string): Word => ({ kind: 'word', text, pattern: text, dynamic: null, glob: false, quoted: false });
const isOption = (w: Word): boolean => w.dynamic === null && w.text.length > 1 && w.text.startsWith('-');

/** getopt-style parsing: bundled short flags, attached or separate values, `--` ends options. */
export function parseArgs(args: readonly Word[], spec: OptionSpec = {}): ParsedArgs {
  const options = new Map<string, Word | null>();
  const operands: Word[] = [];
  const shortWithValue = spec.short ?? '';
  const longWithValue = new Set(spec.long ?? []);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!isOption(arg)) {
      operands.push(arg);
      continue;
    }
    if (arg.text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.text.startsWith('--')) {
      const eq = arg.text.indexOf('=');
      const name = eq < 0 ? arg.text.slice(2) : arg.text.slice(2, eq);
      if (eq >= 0) options.set(name, literalWord(arg.text.slice(eq + 1)));
      else if (longWithValue.has(name)) options.set(name, args[++i] ?? null);
      else options.set(name, null);
      continue;
    }
    for (let k = 1; k < arg.text.length; k++) {
      const letter = arg.text[k]!;
      if (!shortWithValue.includes(letter)) {
        options.set(letter, null);
        continue;
      }
      const attached = arg.text.slice(k + 1);
      options.set(letter, attached !== '' ? literalWord(attached) : (args[++i] ?? null));
      break;
    }
  }
  return { options, operands };
}

const writes = (words: readonly Word[], via: string, recursive = false): CommandAnalysis => ({
  kind: 'writes',
  writes: words.map((word) => ({ word, via, recursive })),
});

/** `mv`/`cp`/`install`/`ln`: the destination is the last operand, or the `-t` directory. */
function destination(parsed: ParsedArgs): { dest: Word | null; sources: Word[] } {
  const target = parsed.options.get('t') ?? parsed.options.get('target-directory');
  if (target) return { dest: target, sources: parsed.operands };
  return { dest: parsed.operands.at(-1) ?? null, sources: parsed.operands.slice(0, -1) };
}

const COPY_LIKE: OptionSpec = { short: 'tS', long: ['target-directory', 'suffix', 'backup', 'reflink', 'sparse', 'preserve', 'no-preserve', 'context'] };

function sedInPlace(args: readonly Word[]): CommandAnalysis {
  let inPlace = false;
  let suffix = '';
  let scriptGiven = false;
  const operands: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    if (!isOption(arg)) {
      operands.push(arg);
      continue;
    }
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (text.startsWith('--in-place')) {
      inPlace = true;
      suffix = text.includes('=') ? text.slice(text.indexOf('=') + 1) : '';
    } else if (text === '--expression' || text === '--file') {
      scriptGiven = true;
      i++;
    } else if (text.startsWith('--expression=') || text.startsWith('--file=')) {
      scriptGiven = true;
    } else if (text === '--line-length') {
      i++;
    } else if (!text.startsWith('--')) {
      for (let k = 1; k < text.length; k++) {
        const letter = text[k]!;
        if (letter === 'i') {
          inPlace = true;
          // GNU: the rest of the word is the backup suffix. BSD: `-i ''` takes it separately.
          suffix = text.slice(k + 1);
          if (suffix === '' && args[i + 1]?.text === '' && args[i + 1]?.quoted) i++;
          break;
        }
        if (letter === 'e' || letter === 'f') {
          scriptGiven = true;
          if (k === text.length - 1) i++;
          break;
        }
        if (letter === 'l') {
          if (k === text.length - 1) i++;
          break;
        }
      }
    }
  }
  if (!inPlace) return NOTHING;
  const files = scriptGiven ? operands : operands.slice(1);
  return withBackups(files, suffix, 'sed -i');
}

/** GNU sed and perl write `FILE` + suffix as a backup (a `*` in the suffix stands for the name). */
function withBackups(files: Word[], suffix: string, via: string): CommandAnalysis {
  const all: TargetWrite[] = files.map((word) => ({ word, via, recursive: false }));
  if (suffix !== '') {
    for (const file of files) {
      const slash = file.text.lastIndexOf('/');
      const [dir, base] = [file.text.slice(0, slash + 1), file.text.slice(slash + 1)];
      const text = suffix.includes('*') ? dir + suffix.replace(/\*/g, base) : file.text + suffix;
      all.push({ word: { ...file, text, pattern: text, glob: false }, via: `${via} backup`, recursive: false });
    }
  }
  return { kind: 'writes', writes: all };
}

function perlInPlace(args: readonly Word[]): CommandAnalysis {
  let inPlace = false;
  let suffix = '';
  let scriptGiven = false;
  const operands: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!isOption(arg) || arg.text.startsWith('--')) {
      if (arg.text === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      operands.push(arg);
      continue;
    }
    const text = arg.text;
    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      if (letter === 'i') {
        inPlace = true;
        suffix = text.slice(k + 1);
        break;
      }
      if (letter === 'e' || letter === 'E') {
        scriptGiven = true;
        if (k === text.length - 1) i++;
        break;
      }
      // Switches whose value is the rest of the word (or the next one for -I/-M/-m).
      if ('IMm'.includes(letter)) {
        if (k === text.length - 1) i++;
        break;
      }
      if ('0lxCdD'.includes(letter)) break;
    }
  }
  if (!inPlace) return NOTHING;
  return withBackups(scriptGiven ? operands : operands.slice(1), suffix, 'perl -i');
}

const RULES: Record<string, (args: readonly Word[]) => CommandAnalysis> = {
  tee: (args) => writes(parseArgs(args, { long: [] }).operands.filter((w) => w.text !== '-'), 'tee'),
  sed: sedInPlace,
  perl: perlInPlace,
  rm: (args) => {
    const parsed = parseArgs(args, { long: ['interactive', 'preserve-root'] });
    const recursive = parsed.options.has('r') || parsed.options.has('R') || parsed.options.has('recursive');
    return writes(parsed.operands, 'rm', recursive);
  },
  rmdir: (args) => writes(parseArgs(args).operands, 'rmdir'),
  touch: (args) => writes(parseArgs(args, { short: 'dtr', long: ['date', 'reference', 'time'] }).operands, 'touch'),
  mkdir: (args) => writes(parseArgs(args, { short: 'm', long: ['mode', 'context'] }).operands, 'mkdir'),
  truncate: (args) => writes(parseArgs(args, { short: 'sr', long: ['size', 'reference'] }).operands, 'truncate'),
  mv: (args) => {
    const { dest, sources } = destination(parseArgs(args, COPY_LIKE));
    return { kind: 'writes', writes: [...sources, ...(dest ? [dest] : [])].map((word) => ({ word, via: 'mv', recursive: true })) };
  },
  cp: (args) => {
    const { dest } = destination(parseArgs(args, COPY_LIKE));
    return writes(dest ? [dest] : [], 'cp', true);
  },
  install: (args) => {
    const parsed = parseArgs(args, { short: 'tSmogs', long: ['target-directory', 'suffix', 'mode', 'owner', 'group', 'strip-program', 'backup', 'context'] });
    if (parsed.options.has('d') || parsed.options.has('directory')) return writes(parsed.operands, 'install -d');
    const { dest } = destination(parsed);
    return writes(dest ? [dest] : [], 'install', true);
  },
  ln: (args) => {
    const parsed = parseArgs(args, { short: 'tS', long: ['target-directory', 'suffix', 'backup'] });
    if (parsed.operands.length === 1 && !parsed.options.has('t')) {
      // `ln -s TARGET` makes a link named after TARGET in the current directory.
      const target = parsed.operands[0]!;
      const base = target.text.slice(target.text.lastIndexOf('/') + 1);
      return writes([{ ...target, text: base, pattern: base }], 'ln');
    }
    const { dest } = destination(parsed);
    return writes(dest ? [dest] : [], 'ln', true);
  },
  dd: (args) => {
    const outputs = args.filter((w) => w.text.startsWith('of='));
    return writes(outputs.map((w) => ({ ...w, text: w.text.slice(3), pattern: w.pattern.slice(3) })), 'dd of=');
  },
  patch: () => ({ kind: 'unknown', reason: 'patch writes the files named inside its input, which is not analysed' }),
};

/** The command names whose arguments this module understands as written paths. */
export const WRITING_COMMANDS: ReadonlySet<string> = new Set(Object.keys(RULES).filter((name) => name !== 'patch'));

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface Wrapper {
  /** Options that take a value. */
  spec: OptionSpec;
  /** Leading operands that are the wrapper's own (timeout's DURATION). */
  ownOperands?: number;
  /** The wrapped command gets more arguments at run time (xargs). */
  argumentsFromStdin?: boolean;
}

const WRAPPERS: Record<string, Wrapper> = {
  sudo: { spec: { short: 'ughpCDrtTU', long: ['user', 'group', 'host', 'prompt', 'chdir', 'role', 'type', 'close-from', 'other-user'] } },
  doas: { spec: { short: 'uC' } },
  env: { spec: { short: 'uSC', long: ['unset', 'split-string', 'chdir'] } },
  command: { spec: {} },
  builtin: { spec: {} },
  exec: { spec: { short: 'a' } },
  nohup: { spec: {} },
  time: { spec: { short: 'fo', long: ['format', 'output'] } },
  nice: { spec: { short: 'n', long: ['adjustment'] } },
  ionice: { spec: { short: 'cnp', long: ['class', 'classdata', 'pid'] } },
  stdbuf: { spec: { short: 'ioe', long: ['input', 'output', 'error'] } },
  timeout: { spec: { short: 'sk', long: ['signal', 'kill-after'] }, ownOperands: 1 },
  xargs: { spec: { short: 'aEdIiLlnPs', long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'] }, argumentsFromStdin: true },
};

/** Control words that may precede a command (`if rm x; then …`). */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac']);

/** The words of the command that actually runs, past assignments, keywords and wrappers. */
function unwrap(words: readonly Word[]): { words: Word[]; fromStdin: boolean } | { unknown: string } {
  let rest = [...words];
  let fromStdin = false;
  for (;;) {
    const first = rest[0];
    if (!first) return { words: [], fromStdin };
    if (first.dynamic === null && !first.quoted && (KEYWORDS.has(first.text) || ASSIGNMENT.test(first.text))) {
      rest = rest.slice(1);
      continue;
    }
    const name = first.text.slice(first.text.lastIndexOf('/') + 1);
    const wrapper = first.dynamic === null ? WRAPPERS[name] : undefined;
    if (!wrapper) return { words: rest, fromStdin };
    // Options end at the first operand: the wrapped command's own options must stay with it.
    let i = 1;
    while (i < rest.length && isOption(rest[i]!) && rest[i]!.text !== '--') {
      const text = rest[i]!.text;
      const letter = text[1]!;
      const takesValue = text.startsWith('--')
        ? !text.includes('=') && (wrapper.spec.long ?? []).includes(text.slice(2))
        : (wrapper.spec.short ?? '').includes(text.at(-1)!) && text.length === 2;
      if ((name === 'env' && (letter === 'C' || text.startsWith('--chdir'))) || (name === 'sudo' && (letter === 'D' || text.startsWith('--chdir')))) {
        return { unknown: `${name} changes directory before running the command` };
      }
      i += takesValue ? 2 : 1;
    }
    if (rest[i]?.text === '--') i++;
    rest = rest.slice(i);
    if (name === 'env') while (rest[0] && ASSIGNMENT.test(rest[0].text)) rest = rest.slice(1);
    rest = rest.slice(wrapper.ownOperands ?? 0);
    fromStdin ||= wrapper.argumentsFromStdin === true;
  }
}

function shellInvocation(args: readonly Word[]): CommandAnalysis {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!isOption(arg) && !arg.text.startsWith('+')) break;
    if (arg.text === '-o' || arg.text === '+o' || arg.text === '-O' || arg.text === '+O') {
      i++;
      continue;
    }
    if (!arg.text.startsWith('--') && arg.text.slice(1).includes('c')) {
      const script = args.slice(i + 1).find((w) => !isOption(w));
      if (!script) return { kind: 'unknown', reason: `${arg.text} without a script` };
      if (script.dynamic !== null) return { kind: 'unknown', reason: `the script given to the shell is computed at run time (${script.dynamic})` };
      return { kind: 'shell', script };
    }
  }
  // `bash script.sh` runs a file, which is not analysed; plain `bash` reads its script from stdin.
  return args.some((w) => !isOption(w)) ? NOTHING : { kind: 'shell-stdin' };
}

function findAction(args: readonly Word[]): CommandAnalysis {
  if (args.some((w) => w.text === '-delete')) return { kind: 'unknown', reason: 'find -delete removes files that are only known at run time' };
  for (let i = 0; i < args.length; i++) {
    if (['-exec', '-execdir', '-ok', '-okdir'].includes(args[i]!.text)) {
      const name = args[i + 1]?.text ?? '';
      if (WRITING_COMMANDS.has(name.slice(name.lastIndexOf('/') + 1)) || SHELLS.has(name)) {
        return { kind: 'unknown', reason: `find ${args[i]!.text} ${name} writes files that are only known at run time` };
      }
    }
  }
  return NOTHING;
}

/** What the simple command made of these words writes. */
export function analyseCommand(words: readonly Word[]): CommandAnalysis {
  const unwrapped = unwrap(words);
  if ('unknown' in unwrapped) return { kind: 'unknown', reason: unwrapped.unknown };
  const [first, ...args] = unwrapped.words;
  if (!first) return NOTHING;
  if (first.dynamic !== null) return { kind: 'unknown', reason: `the command name is computed at run time (${first.dynamic})` };
  const name = first.text.slice(first.text.lastIndexOf('/') + 1);
  if (unwrapped.fromStdin) {
    return WRITING_COMMANDS.has(name) || SHELLS.has(name)
      ? { kind: 'unknown', reason: `xargs gives ${name} file names read at run time` }
      : NOTHING;
  }
  if (name === 'eval') return { kind: 'unknown', reason: 'eval runs text that is only known at run time' };
  if (name === 'cd' || name === 'pushd') return { kind: 'cd', dir: parseArgs(args).operands[0] ?? null };
  if (name === 'popd') return { kind: 'cd', dir: null };
  if (name === 'apply_patch' || name === 'applypatch') return { kind: 'apply-patch', patch: args[0] ?? null };
  if (SHELLS.has(name)) return shellInvocation(args);
  if (name === 'find') return findAction(args);
  const rule = RULES[name];
  return rule ? rule(args) : NOTHING;
}
