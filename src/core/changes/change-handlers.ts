/** Binds the changes and review commands (src/shared/changes.ts) to the core. */
import type { changeCommands } from '../../shared/changes';
import { SwitchyardError } from '../../shared/result';
import type { Orchestrator } from '../orchestrator';
import type { HandlersFor } from '../router';
import { buildReviewReport } from './review-report';

export function changeHandlers(core: Orchestrator): HandlersFor<keyof typeof changeCommands> {
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
