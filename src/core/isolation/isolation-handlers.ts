/** Binds the `isolation.*` commands (src/shared/isolation.ts) to an isolation service. */
import type { isolationCommands } from '../../shared/isolation';
import type { HandlersFor } from '../command-handlers';
import { IsolationService, type IsolationSources } from './isolation-service';

export function isolationHandlers(sources: IsolationSources): HandlersFor<keyof typeof isolationCommands> {
  const service = new IsolationService(sources);
  return {
    'isolation.loss': ({ id }) => service.loss(id),
    'isolation.discard': ({ id, force }) => service.discard(id, force),
    'isolation.movePreview': ({ id }) => service.movePreview(id),
    'isolation.move': ({ id, stopFirst }) => service.move(id, stopFirst),
  };
}
