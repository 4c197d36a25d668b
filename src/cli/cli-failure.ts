/** How a failed command ends: one line on stderr, and the exit code its error carries. */
import { SwitchyardError } from '../shared/result';
import { CliError } from './cli-error';

export function reportFailure(error: unknown): never {
  const exitCode = error instanceof CliError ? error.exitCode : 1;
  const message =
    error instanceof CliError || error instanceof SwitchyardError ? error.message : `Unexpected error: ${String(error)}`;
  process.stderr.write(`switchyard: ${message}\n`);
  process.exit(exitCode);
}
