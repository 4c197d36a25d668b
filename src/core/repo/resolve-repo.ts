/** Turns a user-given folder into the absolute, real path of its git work tree root. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SwitchyardError } from '../../shared/result';

const execFileAsync = promisify(execFile);

export async function resolveRepo(folder: string): Promise<string> {
  const absolute = path.resolve(folder);
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    throw new SwitchyardError('not-a-repository', `${absolute} does not exist.`);
  }
  if (!fs.statSync(real).isDirectory()) {
    throw new SwitchyardError('not-a-repository', `${real} is not a folder.`);
  }
  try {
    // --no-optional-locks: never take index.lock away from an agent's own git command.
    const { stdout } = await execFileAsync(
      'git',
      ['--no-optional-locks', 'rev-parse', '--show-toplevel'],
      { cwd: real },
    );
    return fs.realpathSync(stdout.trim());
  } catch {
    throw new SwitchyardError(
      'not-a-repository',
      `${real} is not inside a git repository. Run \`git init\` there first, or choose another folder.`,
    );
  }
}
