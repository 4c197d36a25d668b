/** Writes files of the shared working tree from git's objects: the new side of each tree change. */
import fs from 'node:fs';
import path from 'node:path';
import { gitRead } from '../git/git-runner';
import type { TreeChange } from '../git/index-entries';

/** `top` is the working tree's top folder; a deleted file's empty folders go too. */
export async function writeWorkingFiles(repo: string, top: string, changes: readonly TreeChange[]): Promise<void> {
  for (const change of changes) {
    const file = path.join(top, change.path);
    const after = change.after;
    if (after === null) {
      fs.rmSync(file, { force: true });
      removeEmptyFolders(top, path.dirname(file));
      continue;
    }
    // A submodule's commit lives in the index only; its folder is the submodule's own business.
    if (after.mode === '160000') continue;
    const bytes = await gitRead(repo, ['cat-file', 'blob', after.blob]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    if (after.mode === '120000') fs.symlinkSync(bytes.toString('utf8'), file);
    else fs.writeFileSync(file, bytes, { mode: after.mode === '100755' ? 0o755 : 0o644 });
  }
}

function removeEmptyFolders(top: string, folder: string): void {
  let current = folder;
  while (current.startsWith(top + path.sep)) {
    try {
      fs.rmdirSync(current);
    } catch {
      return;
    }
    current = path.dirname(current);
  }
}
