/** Binds the commit wizard's commands (src/shared/commit.ts) to the core. */
import type { commitCommands } from '../../shared/commit';
import { SwitchyardError } from '../../shared/result';
import type { Orchestrator } from '../orchestrator';
import type { HandlersFor } from '../router';

const notYet = (): never => {
  throw new SwitchyardError('unavailable', 'The commit wizard is not available in this build yet.');
};

export function commitHandlers(_core: Orchestrator): HandlersFor<keyof typeof commitCommands> {
  return { 'commit.plan': notYet, 'commit.edit': notYet, 'commit.diff': notYet, 'commit.run': notYet };
}
