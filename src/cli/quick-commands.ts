/**
 * The commonest plain calls, run without loading commander: `status` and `locks`, which agents
 * and scripts poll, with no option but `--repo <path>` and `--json`; and `--version`. Loading commander costs about
 * a fifth of Node's own start-up, as much as the rest of such a call. Anything else (help, an
 * unknown, repeated-as-value or doubtful option, a positional argument) returns null and goes to
 * commander (src/cli/program.ts), which owns every message; the options here must mean what they
 * mean there. So does a call without `--repo` from Switchyard's own folder (see default-repo.ts).
 */
import { parseArgs } from 'node:util';
import { isInAppFolder } from '../core/repo/app-folder';
import { appVersion } from './app-version';
import type { Output } from './commands';

interface PlainOptions {
  repo: string;
  json?: boolean;
}

const QUICK: Record<string, (options: PlainOptions, output: Output) => Promise<void>> = {
  status: async (options, output) => (await import('./commands')).statusCommand(options, output),
  locks: async (options, output) => (await import('./lock-commands')).locksCommand(options, output),
};

/** The call as a thunk when `args` (argv without node and the script) is a plain quick call. */
export function quickCommand(args: string[], output: Output, appRoot: string, cwd = process.cwd()): (() => Promise<void>) | null {
  const [name, ...rest] = args;
  if ((name === '--version' || name === '-V') && rest.length === 0) return async () => output.out(appVersion(appRoot));
  const run = name === undefined ? undefined : QUICK[name];
  if (!run) return null;
  let values: { repo?: string; json?: boolean };
  try {
    // strict: an unknown option, a missing value or a value that looks like an option throws.
    ({ values } = parseArgs({ args: rest, options: { repo: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch {
    return null;
  }
  if (values.repo === undefined && isInAppFolder(cwd, appRoot)) return null;
  const options: PlainOptions = { repo: values.repo ?? cwd, ...(values.json ? { json: true } : {}) };
  return () => run(options, output);
}
