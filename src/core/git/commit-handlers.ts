/** Binds the commit wizard's commands (src/shared/commit.ts) to the core. */
import type { commitCommands } from '../../shared/commit';
import type { Orchestrator } from '../orchestrator';
import type { HandlersFor } from '../router';

export function commitHandlers(_core: Orchestrator): HandlersFor<keyof typeof commitCommands> {
  return {};
}
