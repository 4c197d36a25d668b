/**
 * Keeps `.agents/` out of git through `.git/info/exclude`, never by editing the user's
 * .gitignore. Works for worktrees too: git tells us where info/exclude lives.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ENTRY = '/.agents/';

export function excludeAgentsFolder(repo: string): void {
  const relative = execFileSync('git', ['--no-optional-locks', 'rev-parse', '--git-path', 'info/exclude'], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
  const file = path.resolve(repo, relative);
  let current = '';
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  if (current.split(/\r?\n/).some((line) => line.trim() === ENTRY || line.trim() === '.agents/')) return;
  const prefix = current === '' || current.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${prefix}# Switchyard's registry and journal\n${ENTRY}\n`);
}
