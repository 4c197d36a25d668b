/**
 * Recognises Codex among all processes: the native `codex` binary, or the npm package's Node
 * launcher (`node …/codex.js`, or `node /usr/local/bin/codex`) that starts it.
 */
import path from 'node:path';
import type { ProcessRow } from './process-list';

export type CodexRole = 'native' | 'launcher';

export interface CodexMatch {
  role: CodexRole;
  /** The arguments Codex itself parses: after the binary, or after the launcher script. */
  args: string[];
}

const NATIVE_NAMES = new Set(['codex', 'codex.exe']);
const NODE_NAMES = new Set(['node', 'node.exe', 'nodejs']);
const LAUNCHER_SCRIPTS = new Set(['codex', 'codex.js']);

/** Basename for both separators: a Windows path may reach us on any platform in tests. */
const baseName = (file: string): string => path.basename(file.replace(/\\/g, '/'));

/**
 * `argv` is the exact argument vector where the OS gives it (Linux), otherwise the `ps` command
 * line split on spaces. The binary is named by its executable where known: Codex re-runs itself
 * under other names (its Linux sandbox helper), and those copies are not agents of their own.
 */
export function matchCodex(row: ProcessRow, argv: readonly string[]): CodexMatch | null {
  const exe = baseName(row.path || row.name);
  const program = argv[0] === undefined ? '' : baseName(argv[0]);
  if (NATIVE_NAMES.has(exe) || (exe === '' && NATIVE_NAMES.has(program))) {
    return NATIVE_NAMES.has(program) ? { role: 'native', args: argv.slice(1) } : null;
  }
  if (!NODE_NAMES.has(exe) && !NODE_NAMES.has(program)) return null;
  // Node's own flags come before the script.
  const scriptIndex = argv.findIndex((arg, i) => i > 0 && !arg.startsWith('-'));
  const script = scriptIndex > 0 ? argv[scriptIndex]! : '';
  if (!LAUNCHER_SCRIPTS.has(baseName(script))) return null;
  return { role: 'launcher', args: argv.slice(scriptIndex + 1) };
}
