/** Binds `agents.suggest` (src/shared/suggestions.ts) to the open repository's history. */
import type { Agent } from '../../shared/domain';
import type { suggestionCommands } from '../../shared/suggestions';
import type { HandlersFor } from '../command-handlers';
import { suggestClaims } from './claim-suggestions';
import { gatherHistory } from './launch-history';

export interface SuggestionSources {
  /** The open repository; throws a typed error when none is open. */
  requireRepo(): string;
  agents(): Agent[];
  /** Files each agent wrote, from the journal; null while change tracking is not running. */
  writes(): ReadonlyMap<string, ReadonlySet<string>> | null;
}

export function suggestionHandlers(sources: SuggestionSources): HandlersFor<keyof typeof suggestionCommands> {
  return {
    'agents.suggest': ({ task, claims }) => {
      const history = gatherHistory({ repo: sources.requireRepo(), agents: sources.agents(), writes: sources.writes() });
      return suggestClaims(task, history, claims);
    },
  };
}
