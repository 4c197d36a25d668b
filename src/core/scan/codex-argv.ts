/**
 * Reads a Codex command line the way Codex's own parser (clap) would, far enough to say what the
 * process is doing, which prompt it was given, and which folder it was told to work in (`--cd`).
 * Flags follow `codex --help` and `codex exec --help` of Codex 0.169 (0.170 and 0.171: the same,
 * but `exec` also takes --remote and --remote-auth-token-env, listed here too).
 */
import type { CodexProcessKind } from '../../shared/monitor';

/** Options that take a value; any other dash argument is a switch. */
const OPTIONS_WITH_VALUE = new Set([
  '-c', '--config', '--enable', '--disable', '--remote', '--remote-auth-token-env', '-i', '--image',
  '-m', '--model', '--local-provider', '-p', '--profile', '-s', '--sandbox', '-C', '--cd', '--add-dir',
  '-a', '--ask-for-approval', '--thread-source', '--cyber-access-program', '--output-schema',
  '--color', '-o', '--output-last-message',
]);

const CD_OPTIONS = new Set(['-C', '--cd']);

/** Long-running servers rather than agents working on a task. */
const DAEMON_SUBCOMMANDS = new Set(['app-server', 'mcp-server', 'exec-server']);
const EXEC_SUBCOMMANDS = new Set(['exec', 'e']);
/** Interactive sessions that continue an earlier one: `resume [SESSION_ID] [PROMPT]`. */
const CONTINUING_SUBCOMMANDS = new Set(['resume', 'fork']);
/** Every other subcommand Codex 0.169 has; a first positional among them is not a prompt. */
const OTHER_SUBCOMMANDS = new Set([
  'agents', 'review', 'login', 'logout', 'mcp', 'plugin', 'remote-control', 'completion', 'update',
  'doctor', 'sandbox', 'debug', 'apply', 'a', 'queue', 'archive', 'delete', 'migrate-rollouts',
  'migrate-nfs-db', 'unarchive', 'cloud', 'features', 'help',
]);

export interface CodexCommandLine {
  kind: CodexProcessKind;
  /** The prompt it started with, or null. */
  task: string | null;
  /** The `--cd` folder as written (relative to the process's working directory), or null. */
  cd: string | null;
}

interface ParsedArgs {
  positionals: string[];
  cd: string | null;
  switches: Set<string>;
}

function parseArgs(args: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const switches = new Set<string>();
  let cd: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg.startsWith('--') ? arg : arg.slice(0, 2);
    if (!OPTIONS_WITH_VALUE.has(name)) {
      switches.add(arg);
      continue;
    }
    // The value is attached (`--cd=x`, `-Cx`) or is the next argument.
    const attached = arg.startsWith('--') ? (eq > 0 ? arg.slice(eq + 1) : null) : arg.length > 2 ? arg.slice(2) : null;
    const value = attached ?? args[++i] ?? null;
    if (CD_OPTIONS.has(name) && value !== null) cd = value;
  }
  return { positionals, cd, switches };
}

const promptOf = (words: readonly string[]): string | null => {
  const text = words.join(' ').trim();
  return text === '' || text === '-' ? null : text;
};

/** `args` are the arguments after the program (and after the script, for the Node launcher). */
export function readCodexCommandLine(args: readonly string[]): CodexCommandLine {
  const { positionals, cd, switches } = parseArgs(args);
  const [first, ...rest] = positionals;
  if (first === undefined) return { kind: 'session', task: null, cd };
  if (DAEMON_SUBCOMMANDS.has(first)) return { kind: 'daemon', task: null, cd };
  if (EXEC_SUBCOMMANDS.has(first)) {
    const [next, ...more] = rest;
    // `codex exec resume|fork|review …` continues or reviews; it carries no new task.
    if (next === 'resume' || next === 'fork' || next === 'review') return { kind: 'exec', task: null, cd };
    return { kind: 'exec', task: promptOf(next === undefined ? [] : [next, ...more]), cd };
  }
  if (CONTINUING_SUBCOMMANDS.has(first)) {
    // With --last there is no session id, so the first positional is already the prompt.
    return { kind: 'session', task: promptOf(switches.has('--last') ? rest : rest.slice(1)), cd };
  }
  if (OTHER_SUBCOMMANDS.has(first)) return { kind: 'other', task: null, cd };
  return { kind: 'session', task: promptOf(positionals), cd };
}
