/** Binds the changes and review commands (src/shared/changes.ts) to the open repository's change tracking. */
import type { changeCommands } from '../../shared/changes';
import type { Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import type { HandlersFor } from '../command-handlers';
import type { RepoChanges } from './repo-changes';
import { buildReviewReport } from '../changes/review-report';

/** What the change commands read of the core. */
export interface ChangeSources {
  /** The open repository's change tracking; throws a typed error while it is unavailable. */
  readonly changes: RepoChanges;
  readonly repo: string | null;
  list(): Agent[];
}

export function changeHandlers(core: ChangeSources): HandlersFor<keyof typeof changeCommands> {
  return {
    'changes.map': () => core.changes.map(),
    'changes.timeline': ({ path }) => ({ path, versions: core.changes.timeline(path) }),
    'changes.diff': async ({ path, from, to }) => ({ diff: await core.changes.diff(path, to, from) }),
    'changes.restore': async ({ path, version }) => ({ restored: await core.changes.restore(path, version) }),
    'changes.assign': ({ path, agentId }) => {
      if (!core.list().some((a) => a.id === agentId)) throw new SwitchyardError('not-found', `No agent with id ${agentId} in this repository.`);
      return { changed: core.changes.assign(path, agentId) };
    },
    'review.report': async () => {
      const changes = core.changes;
      return buildReviewReport(core.repo!, core.list(), await changes.attributionEntries(), changes.conflicts());
    },
  };
}
