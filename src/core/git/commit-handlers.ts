/** Binds the commit wizard's commands (src/shared/commit.ts) to the core. */
import type { commitCommands } from '../../shared/commit';
import { SwitchyardError } from '../../shared/result';
import type { Orchestrator } from '../orchestrator';
import type { HandlersFor } from '../router';
import { CommitService } from './commit-service';

export function commitHandlers(core: Orchestrator): HandlersFor<keyof typeof commitCommands> {
  const service = new CommitService({
    repo: () => {
      if (!core.repo) throw new SwitchyardError('no-repository', 'Open a repository first.');
      return core.repo;
    },
    agents: () => core.list(),
    attribution: () => core.attributionEntries(),
    testCommand: () => core.getSettings().testCommand,
    onProgress: (progress) => core.events.emit('commit.progress', progress),
  });
  return {
    'commit.plan': (request) => service.plan(request),
    'commit.edit': ({ plan, edit }) => service.edit(plan, edit),
    'commit.diff': ({ path }) => service.diff(path),
    'commit.run': ({ plan, skipHooks, runTests, resume }) => service.run({ plan, skipHooks, runTests, resume }),
  };
}
