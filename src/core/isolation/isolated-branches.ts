/** Isolated agents' branches for the commit wizard (commit/isolated-branches.ts), made of this folder's parts. */
import type { IsolatedBranches } from '../commit/isolated-branches';
import { bringBackGroups } from './bring-back-run';
import { isolatedDiff, previewIsolatedGroups, refreshIsolatedGroup } from './isolated-plan';

export const isolatedBranches: IsolatedBranches = {
  preview: previewIsolatedGroups,
  refresh: refreshIsolatedGroup,
  diff: isolatedDiff,
  bringBack: bringBackGroups,
};
