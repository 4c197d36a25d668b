/** Finding the repository a running Switchyard serves for a folder, without git. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runningRepoOf } from '../../src/cli/running-repo';
import { writeInstance } from '../../src/core/instances/instance-registry';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function setup(options: { running: boolean }): { repo: TempRepo; env: NodeJS.ProcessEnv } {
  const repo = makeTempRepo();
  repos.push(repo);
  const env: NodeJS.ProcessEnv = { SWITCHYARD_RUNTIME_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sy-rt-')) };
  if (options.running) {
    writeInstance({ repo: repo.dir, pid: process.pid, port: 1, token: 't', kind: 'serve', startedAt: new Date().toISOString() }, env);
  }
  repo.write('sub/dir/file.txt', 'x\n');
  return { repo, env };
}

describe('runningRepoOf', () => {
  it('finds the served root from the root and from a subfolder', () => {
    const { repo, env } = setup({ running: true });
    expect(runningRepoOf(repo.dir, env)).toBe(repo.dir);
    expect(runningRepoOf(path.join(repo.dir, 'sub', 'dir'), env)).toBe(repo.dir);
  });

  it('leaves the answer to git when no Switchyard serves the repository', () => {
    const { repo, env } = setup({ running: false });
    expect(runningRepoOf(repo.dir, env)).toBeNull();
  });

  it('stops at the nearest .git: a nested repository without a Switchyard is not its parent', () => {
    const { repo, env } = setup({ running: true });
    const nested = path.join(repo.dir, 'sub', 'nested');
    fs.mkdirSync(path.join(nested, '.git'), { recursive: true });
    expect(runningRepoOf(nested, env)).toBeNull();
  });

  it('leaves files, folders inside .git, missing folders and a steered git to git', () => {
    const { repo, env } = setup({ running: true });
    expect(runningRepoOf(path.join(repo.dir, 'sub', 'dir', 'file.txt'), env)).toBeNull();
    expect(runningRepoOf(path.join(repo.dir, '.git'), env)).toBeNull();
    expect(runningRepoOf(path.join(repo.dir, 'missing'), env)).toBeNull();
    expect(runningRepoOf(repo.dir, { ...env, GIT_DIR: path.join(repo.dir, '.git') })).toBeNull();
  });
});
