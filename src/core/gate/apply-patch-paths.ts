/**
 * The files an apply_patch envelope touches, read from its header lines:
 * `*** Add File: p`, `*** Update File: p`, `*** Delete File: p` and `*** Move to: p`.
 * Codex's own parser tolerates indentation and stray whitespace around them, and so does this.
 */

export type PatchAction = 'add' | 'update' | 'delete' | 'move-to';

export interface PatchPath {
  path: string;
  action: PatchAction;
}

const HEADER = /^\s*\*\*\* (Add File|Update File|Delete File|Move to):[ \t]*(.*?)\s*$/;

const ACTIONS: Record<string, PatchAction> = {
  'Add File': 'add',
  'Update File': 'update',
  'Delete File': 'delete',
  'Move to': 'move-to',
};

export const PATCH_START = '*** Begin Patch';

export const looksLikePatch = (text: string): boolean => text.trimStart().startsWith(PATCH_START);

export function patchPaths(patch: string): PatchPath[] {
  const found: PatchPath[] = [];
  for (const line of patch.split('\n')) {
    const match = HEADER.exec(line);
    if (!match || match[2] === '') continue;
    found.push({ path: match[2]!, action: ACTIONS[match[1]!]! });
  }
  return found;
}
