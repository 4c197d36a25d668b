/**
 * What the commit wizard asks of the core. Drafts and edits run one after another, each on the
 * plan the previous one returned, so a quick sequence of clicks never applies an edit to a stale
 * plan, nor does a late draft wipe out an edit; `editsSettled()` lets a step wait for them before
 * moving on or committing.
 */
import type { PlanEdit } from '../../../shared/commit';
import type { CommandOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { CoreServices } from '../../state/core-services';
import type { CommitRunResult } from '../../state/commit-slice';
import { useStore } from '../../state/store';

type ResumeState = NonNullable<CommitRunResult['resume']>;

let editQueue: Promise<unknown> = Promise.resolve();

/** Runs `task` after everything queued before it; a failure does not stop the queue. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const done = editQueue.then(task);
  editQueue = done.catch(() => undefined);
  return done;
}

/** Resolves once every edit asked for so far has been answered (applied or refused). */
export function editsSettled(): Promise<void> {
  return editQueue.then(() => undefined);
}

/** Drafts a new plan from the working tree; a failure is shown in the wizard. */
export function draftCommitPlan(services: CoreServices): Promise<void> {
  return enqueue(async () => {
    const store = useStore.getState();
    store.setCommitPending('Drafting the plan…');
    store.setCommitError(null);
    const result = await services.api.invoke('commit.plan', {});
    useStore.getState().setCommitPending(null);
    if (result.ok) useStore.getState().setCommitPlan(result.value.plan, result.value.warnings);
    else useStore.getState().setCommitError(`Drafting the plan: ${result.error.message}`);
  });
}

/** Queues one edit of the plan; resolves to whether the core accepted it. */
export function editCommitPlan(services: CoreServices, edit: PlanEdit): Promise<boolean> {
  return enqueue(async () => {
    const plan = useStore.getState().commitPlan;
    if (!plan) return false;
    useStore.getState().setCommitPending('Saving…');
    const result = await services.api.invoke('commit.edit', { plan, edit });
    useStore.getState().setCommitPending(null);
    if (result.ok) useStore.getState().setCommitPlan(result.value.plan);
    else useStore.getState().setCommitError(`${describeEdit(edit)}: ${result.error.message}`);
    return result.ok;
  });
}

export function loadFileDiff(services: CoreServices, path: string): Promise<Result<CommandOutput<'commit.diff'>>> {
  return services.api.invoke('commit.diff', { path });
}

export function loadIsolatedDiff(services: CoreServices, groupId: string, mode: 'merge' | 'squash' | 'cherry-pick', path: string): Promise<Result<CommandOutput<'commit.isolatedDiff'>>> {
  return services.api.invoke('commit.isolatedDiff', { groupId, mode, path });
}

/** Commits the current plan (or continues a stopped run); progress and the result land in the store. */
export async function runCommitPlan(services: CoreServices, resume?: ResumeState): Promise<void> {
  await editsSettled();
  const { commitPlan: plan, commitOptions, startCommitRun } = useStore.getState();
  if (!plan) return;
  startCommitRun();
  const result = await services.api.invoke('commit.run', { plan, ...commitOptions, ...(resume ? { resume } : {}) });
  if (result.ok) useStore.getState().finishCommitRun(result.value);
  else {
    useStore.getState().finishCommitRun(null);
    useStore.getState().setCommitError(`Committing: ${result.error.message}`);
  }
}

/** Feeds `commit.progress` to the store while the wizard is open; returns the unsubscribe. */
export function followCommitProgress(services: CoreServices): () => void {
  return services.api.on('commit.progress', (progress) => useStore.getState().setCommitProgress(progress));
}

function describeEdit(edit: PlanEdit): string {
  switch (edit.type) {
    case 'move-file':
      return `Moving ${edit.path}`;
    case 'move-hunk':
      return `Moving a hunk of ${edit.path}`;
    case 'exclude-file':
      return `Excluding ${edit.path}`;
    case 'include-file':
      return `Including ${edit.path}`;
    case 'reorder':
    case 'move-group':
      return 'Reordering the groups';
    case 'set-message':
    case 'set-single-message':
      return 'Saving the message';
    case 'set-strategy':
      return 'Choosing the strategy';
    case 'set-conventional':
      return 'Switching conventional commits';
    case 'set-isolated-mode':
      return 'Choosing how to bring the branch back';
    case 'set-isolated-included':
      return edit.included ? 'Taking the branch back in' : 'Leaving the branch out';
    case 'set-isolated-message':
      return 'Saving the message';
  }
}
