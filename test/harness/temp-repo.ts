/** A real git repository in a temp folder, with an identity set so commits work. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  /** Real path (symlinks resolved), as Switchyard reports it. */
  readonly dir: string;
  git(...args: string[]): string;
  write(relative: string, content: string): void;
  read(relative: string): string;
  exists(relative: string): boolean;
  remove(): void;
}

export function makeTempRepo(options: { initialCommit?: boolean } = {}): TempRepo {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-repo-')));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Switchyard Test');
  git('config', 'user.email', 'test@switchyard.invalid');
  git('config', 'commit.gpgsign', 'false');
  const repo: TempRepo = {
    dir,
    git,
    write: (relative, content) => {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), content);
    },
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    exists: (relative) => fs.existsSync(path.join(dir, relative)),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  if (options.initialCommit ?? true) {
    repo.write('README.md', '# test repository\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
  }
  return repo;
}
