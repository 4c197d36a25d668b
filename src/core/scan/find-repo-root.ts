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
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
