/** Binds the commit wizard's commands (src/shared/commit.ts) to a commit service. */
import type { commitCommands } from '../../shared/commit';
import { SwitchyardError } from '../../shared/result';
import type { HandlersFor } from '../command-handlers';
import { CommitService, type CommitServiceSources } from './commit-service';

/** What the commit commands read of the core: the service's sources, with the open repository possibly none. */
export interface CommitSources extends Omit<CommitServiceSources, 'repo'> {
  openRepo(): string | null;
}

export function commitHandlers(sources: CommitSources): HandlersFor<keyof typeof commitCommands> {
  const service = new CommitService({
    ...sources,
    repo: () => {
      const repo = sources.openRepo();
      if (!repo) throw new SwitchyardError('no-repository', 'Open a repository first.');
      return repo;
    },
  });
  return {
    'commit.plan': (request) => service.plan(request),
    'commit.edit': ({ plan, edit }) => service.edit(plan, edit),
    'commit.diff': ({ path }) => service.diff(path),
    'commit.isolatedDiff': ({ groupId, mode, path }) => service.isolatedDiff(groupId, mode, path),
    'commit.run': ({ plan, skipHooks, runTests, resume }) => service.run({ plan, skipHooks, runTests, resume }),
  };
}
