/**
 * The `switchyard` command (out/main/cli.js). The commonest plain calls run straight away
 * (quick-commands.ts); every other call loads the full command line (program.ts, commander).
 * Either way a command's own code is loaded only when it runs.
 */
import path from 'node:path';
import type { Output } from './commands';
import { quickCommand } from './quick-commands';

const output: Output = { out: (line) => process.stdout.write(`${line}\n`) };
const errors: Output = { out: (line) => process.stderr.write(`${line}\n`) };

// Bundled to out/main/cli.js: the app root is two folders up.
const appRoot = path.resolve(__dirname, '..', '..');
const quick = quickCommand(process.argv.slice(2), output, appRoot);
if (quick) {
  quick().catch(async (error: unknown) => (await import('./cli-failure')).reportFailure(error));
} else {
  void import('./program').then(({ runProgram }) => runProgram(process.argv, { appRoot, output, errors }));
}
