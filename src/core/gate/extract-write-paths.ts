/**
 * The paths a Codex `Bash` tool call would write, read from its command before it runs: the
 * apply_patch envelope (also when Codex passes it as a heredoc or argument), redirections, and the
 * common file-writing commands, through `bash -lc '…'` wrappers, `&&`/`;`/`|` chains and `cd`.
 * Paths are returned as written, relative to the hook's cwd; the gate normalises them.
 *
 * It errs on the side of reporting: when a `cd` may have failed, a path is reported under both
 * directories; when a target is only known at run time, the call is reported as `unknown` with a
 * reason, and the gate decides. Programs that write files on their own (`python x.py`, `git
 * checkout`) are outside what a command line shows.
 */
import path from 'node:path';
import { looksLikePatch, patchPaths, type PatchAction } from './apply-patch-paths';
import { analyseCommand, type CommandAnalysis } from './shell-write-commands';
import { tokenizeShell, type Operator, type Redirect, type Word } from './shell-tokenizer';

export interface WritePath {
  /** As written, relative to the hook's cwd (or absolute). */
  path: string;
  /** The shell will expand it (`rm src/*.ts`); `path` is then a picomatch glob. */
  glob: boolean;
  /** A directory whose whole content may be written (`rm -r`, `mv`'s source, `cp`'s destination). */
  recursive: boolean;
  /** What writes it: `>`, `rm`, `apply_patch (update)`, … */
  via: string;
}

export interface UnknownWrite {
  /** The command (shortened) that could not be understood. */
  command: string;
  reason: string;
}

export interface WriteExtraction {
  paths: WritePath[];
  unknown: UnknownWrite[];
}

/** The hook payload is capped at 1 MB; a command cannot be longer. */
export const MAX_COMMAND_LENGTH = 1_048_576;
/** `bash -c "bash -c '…'"` deeper than this is not a command a model writes by accident. */
export const MAX_SHELL_NESTING = 8;
/** Each `cd` that may fail doubles the candidate directories; past this they are "unknown". */
const MAX_CWD_CANDIDATES = 4;
/** How much of a command an `unknown` entry quotes. */
const QUOTED_COMMAND_CHARS = 200;

const WRITE_REDIRECTS = new Set<Redirect['op']>(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);
/** Device files a redirection may target without writing to the repository. */
const HARMLESS_TARGETS = /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/;
const GLOB_SPECIALS = /[*?[\]{}()!+@\\]/g;
const escapeGlob = (text: string): string => text.replace(GLOB_SPECIALS, (ch) => `\\${ch}`);
const shorten = (text: string): string => (text.length > QUOTED_COMMAND_CHARS ? `${text.slice(0, QUOTED_COMMAND_CHARS)}…` : text);

const PATCH_VIA: Record<PatchAction, string> = {
  add: 'apply_patch (Add File)',
  update: 'apply_patch (Update File)',
  delete: 'apply_patch (Delete File)',
  'move-to': 'apply_patch (Move to)',
};

interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  before: Operator | null;
  after: Operator | null;
}

type Step = { kind: 'command'; command: SimpleCommand } | { kind: 'open' } | { kind: 'close' };

function splitCommands(tokens: ReturnType<typeof tokenizeShell>['tokens']): Step[] {
  const steps: Step[] = [];
  let current: SimpleCommand = { words: [], redirects: [], before: null, after: null };
  let before: Operator | null = null;
  const finish = (after: Operator | null): void => {
    if (current.words.length > 0 || current.redirects.length > 0) {
      current.after = after;
      steps.push({ kind: 'command', command: current });
    }
    current = { words: [], redirects: [], before, after: null };
  };
  for (const token of tokens) {
    if (token.kind === 'word') current.words.push(token);
    else if (token.kind === 'redirect') current.redirects.push(token);
    else {
      finish(token.op);
      before = token.op;
      current.before = before;
      if (token.op === '(') steps.push({ kind: 'open' });
      if (token.op === ')') steps.push({ kind: 'close' });
    }
  }
  finish(null);
  return steps;
}

/** Where relative paths land: each candidate directory (relative to the hook's cwd), null if unknown. */
type Cwds = Array<string | null>;

const union = (a: Cwds, b: Cwds): Cwds => {
  const all = [...new Set([...a, ...b])];
  return all.length > MAX_CWD_CANDIDATES ? [null] : all;
};

class Extraction {
  private readonly found = new Map<string, WritePath>();
  readonly unknown: UnknownWrite[] = [];

  constructor(private readonly wholeCommand: string) {}

  result(): WriteExtraction {
    return { paths: [...this.found.values()], unknown: this.unknown };
  }

  addUnknown(command: string, reason: string): void {
    this.unknown.push({ command: shorten(command), reason });
  }

  addPath(text: string, glob: boolean, recursive: boolean, via: string, cwds: Cwds, command: string): void {
    if (text === '') return;
    const absolute = text.startsWith('/');
    for (const cwd of absolute ? [''] : cwds) {
      if (cwd === null) {
        this.addUnknown(command, `${via} writes ${text} after a cd to a directory that is only known at run time`);
        continue;
      }
      const prefix = glob ? escapeGlob(cwd) : cwd;
      const joined = cwd === '' || absolute ? text : path.posix.join(prefix, text);
      const key = `${joined}\0${glob}\0${recursive}`;
      if (!this.found.has(key)) this.found.set(key, { path: joined, glob, recursive, via });
    }
  }

  addWord(word: Word, recursive: boolean, via: string, cwds: Cwds, command: string): void {
    if (word.dynamic !== null) {
      this.addUnknown(command, `the ${via} target ${word.text} is only known at run time (${word.dynamic})`);
      return;
    }
    this.addPath(word.glob ? word.pattern : word.text, word.glob, recursive, via, cwds, command);
  }

  addPatch(patch: string, cwds: Cwds, command: string): void {
    for (const entry of patchPaths(patch)) this.addPath(entry.path, false, false, PATCH_VIA[entry.action], cwds, command);
  }

  /** Analyses a script; returns the directories it may end in (for the caller's own `cd` tracking). */
  script(script: string, startCwds: Cwds, depth: number): Cwds {
    if (depth > MAX_SHELL_NESTING) {
      this.addUnknown(script, `shells nested more than ${MAX_SHELL_NESTING} deep are not analysed`);
      return startCwds;
    }
    const { tokens, error } = tokenizeShell(script);
    if (error !== null) this.addUnknown(script, `the command is not valid shell (${error})`);
    let cwds = startCwds;
    let fallback: Cwds = [];
    const stack: Array<{ cwds: Cwds; fallback: Cwds }> = [];
    for (const step of splitCommands(tokens)) {
      if (step.kind === 'open') {
        stack.push({ cwds, fallback });
        fallback = [];
        continue;
      }
      if (step.kind === 'close') {
        ({ cwds, fallback } = stack.pop() ?? { cwds, fallback });
        continue;
      }
      const { command } = step;
      cwds = this.command(command, cwds, depth, (next) => {
        // After `cd x && …` the chain runs in x; once the chain ends, x may never have been reached.
        if (command.after === '&&') {
          fallback = union(fallback, cwds);
          return next;
        }
        return union(cwds, next);
      });
      if (command.after !== '&&' && command.after !== '||' && command.after !== '|' && command.after !== '|&') {
        cwds = union(cwds, fallback);
        fallback = [];
      }
    }
    return cwds;
  }

  private command(command: SimpleCommand, cwds: Cwds, depth: number, afterCd: (next: Cwds) => Cwds): Cwds {
    const text = command.words.map((w) => w.text).join(' ');
    for (const redirect of command.redirects) {
      if (!WRITE_REDIRECTS.has(redirect.op)) continue;
      const target = redirect.target;
      if (!target) continue;
      if (redirect.op === '>&' && /^(\d+|-)$/.test(target.text)) continue;
      if (HARMLESS_TARGETS.test(target.text)) continue;
      const fd = redirect.fd === null ? '' : String(redirect.fd);
      this.addWord(target, false, `${fd}${redirect.op}`, cwds, text);
    }
    const analysis: CommandAnalysis = analyseCommand(command.words);
    const stdinText = (): string | null => {
      const here = command.redirects.find((r) => r.body !== null || r.op === '<<<');
      if (!here) return null;
      if (here.op === '<<<') return here.target && here.target.dynamic === null ? here.target.text : null;
      return here.body;
    };
    switch (analysis.kind) {
      case 'writes':
        for (const write of analysis.writes) this.addWord(write.word, write.recursive, write.via, cwds, text);
        return cwds;
      case 'unknown':
        this.addUnknown(text, analysis.reason);
        return cwds;
      case 'shell':
        this.script(analysis.script.text, cwds, depth + 1);
        return cwds;
      case 'shell-stdin': {
        const body = stdinText();
        if (body !== null) this.script(body, cwds, depth + 1);
        else if (command.before === '|' || command.before === '|&') this.addUnknown(text, 'a shell reads its script from a pipe');
        return cwds;
      }
      case 'apply-patch': {
        const patch = analysis.patch;
        if (patch?.dynamic) {
          this.addUnknown(text, `the patch given to apply_patch is only known at run time (${patch.dynamic})`);
          return cwds;
        }
        const body = stdinText() ?? patch?.text ?? null;
        // No patch on the command line (piped in, say): read the envelope wherever it appears.
        this.addPatch(body ?? this.wholeCommand, cwds, text);
        return cwds;
      }
      case 'cd':
        return this.cd(command, analysis.dir, cwds, afterCd);
    }
  }

  private cd(command: SimpleCommand, dir: Word | null, cwds: Cwds, afterCd: (next: Cwds) => Cwds): Cwds {
    const inPipeline = ['|', '|&'].includes(command.before ?? '') || ['|', '|&', '&'].includes(command.after ?? '');
    if (inPipeline) return cwds; // runs in a subshell: the caller's directory does not change
    // `cd`, `cd -`, `cd ~` and `cd "$X"` go where only the running shell knows.
    const target = dir !== null && dir.dynamic === null && dir.text !== '-' && dir.text !== '' ? dir.text : null;
    const next: Cwds = cwds.map((cwd) => {
      if (target === null || cwd === null) return null;
      if (target.startsWith('/')) return path.posix.normalize(target);
      const joined = path.posix.normalize(path.posix.join(cwd === '' ? '.' : cwd, target));
      return joined === '.' ? '' : joined;
    });
    return afterCd(next);
  }
}

/** The paths the command would write (see the module comment for what "would" covers). */
export function extractWritePaths(command: string): WriteExtraction {
  const extraction = new Extraction(command);
  if (command.length > MAX_COMMAND_LENGTH) {
    extraction.addUnknown(command, `the command is longer than ${MAX_COMMAND_LENGTH} characters and is not analysed`);
    return extraction.result();
  }
  if (looksLikePatch(command)) {
    extraction.addPatch(command, [''], 'apply_patch');
    return extraction.result();
  }
  extraction.script(command, [''], 0);
  return extraction.result();
}
