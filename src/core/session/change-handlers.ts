/**
 * Binds the changes and review commands (src/shared/changes.ts) to the open repository's change
 * tracking. Every path a command names is checked against the repository first.
 */
import type { changeCommands } from '../../shared/changes';
import type { Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import type { HandlersFor } from '../command-handlers';
import type { RepoChanges } from './repo-changes';
import { buildReviewReport } from '../changes/review-report';
import { checkRepoPath } from '../repo/repo-path-guard';

/** What the change commands read of the core. */
export interface ChangeSources {
  /** The open repository's change tracking; throws a typed error while it is unavailable. */
  readonly changes: RepoChanges;
  readonly repo: string | null;
  list(): Agent[];
}

export function changeHandlers(core: ChangeSources): HandlersFor<keyof typeof changeCommands> {
  /** The change tracking, once `path` is known to be inside the open repository (repo-path-guard.ts). */
  const changesAt = (path: string): RepoChanges => {
    const changes = core.changes;
    checkRepoPath(core.repo!, path);
    return changes;
  };
  return {
    'changes.map': () => core.changes.map(),
    'changes.timeline': ({ path }) => ({ path, versions: changesAt(path).timeline(path) }),
    'changes.diff': async ({ path, from, to }) => ({ diff: await changesAt(path).diff(path, to, from) }),
    'changes.restore': async ({ path, version }) => ({ restored: await changesAt(path).restore(path, version) }),
    'changes.assign': ({ path, agentId }) => {
      const changes = changesAt(path);
      if (!core.list().some((a) => a.id === agentId)) throw new SwitchyardError('not-found', `No agent with id ${agentId} in this repository.`);
      return { changed: changes.assign(path, agentId) };
    },
    'review.report': async () => {
      const changes = core.changes;
      const [attribution, isolated] = await Promise.all([changes.attributionEntries(), changes.isolatedChanges()]);
      return buildReviewReport(core.repo!, core.list(), attribution, changes.conflicts(), isolated);
    },
  };
}
