/** A private temporary folder for one commit run: temporary indexes and message files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ScratchDir {
  readonly dir: string;
  file(name: string): string;
  dispose(): void;
}

export function makeScratchDir(): ScratchDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-commit-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment that points git at a temporary index instead of the user's. */
export const indexEnv = (indexFile: string): Record<string, string> => ({ GIT_INDEX_FILE: indexFile });
