/**
 * A plan comes back from the client before it is run, so every path in it is checked against
 * the repository (repo/repo-path-guard.ts) before git sees any of them: the changes, the
 * groups' files and exclusions, and the undecided files, with their rename sources.
 */
import { checkRepoPath } from '../repo/repo-path-guard';
import type { CommitPlan } from './commit-plan';

/** Every path the plan names, each once. */
export function pathsOfPlan(plan: CommitPlan): string[] {
  const paths = new Set<string>();
  const add = (path: string | null | undefined): void => {
    if (path !== null && path !== undefined) paths.add(path);
  };
  for (const change of plan.changes) {
    add(change.path);
    add(change.oldPath);
  }
  for (const group of plan.groups) {
    for (const file of group.files) {
      add(file.path);
      add(file.oldPath);
    }
    for (const path of group.excluded) add(path);
  }
  for (const file of plan.undecided) {
    add(file.path);
    add(file.oldPath);
  }
  return [...paths];
}

/** Throws `invalid-input` naming the first path of the plan that is not inside `repo` as git prints it. */
export function checkPlanPaths(repo: string, plan: CommitPlan): void {
  for (const path of pathsOfPlan(plan)) checkRepoPath(repo, path, { what: 'plan path' });
}
