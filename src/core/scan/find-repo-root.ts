/**
 * The git work tree a folder belongs to, found by walking up to the nearest `.git` (a folder, or
 * a file in worktrees and submodules). No `git` process per folder: the scan runs every few
 * seconds over every Codex process on the machine.
 */
import fs from 'node:fs';
import path from 'node:path';

export function findRepoRoot(folder: string): string | null {
  let current: string;
  try {
    current = fs.realpathSync(folder);
  } catch {
    return null;
  }
  for (;;) {
    if (isGitMarker(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/**
 * A `.git` that makes its folder a work tree: a directory with a `HEAD`, or a `gitdir:` file. An
 * empty `.git` directory is not one: Codex's sandbox (bubblewrap) creates `/tmp/.git` as a mount
 * point while a command runs, and one killed mid-command leaves it behind.
 */
function isGitMarker(marker: string): boolean {
  try {
    const stat = fs.statSync(marker);
    if (stat.isDirectory()) return fs.existsSync(path.join(marker, 'HEAD'));
    return stat.isFile() && fs.readFileSync(marker, 'utf8').startsWith('gitdir:');
  } catch {
    return false;
  }
}
