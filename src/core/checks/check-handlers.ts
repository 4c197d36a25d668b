/** Binds the check and rollback commands (src/shared/checks.ts) to the core's check service. */
import type { checkCommands } from '../../shared/checks';
import type { HandlersFor } from '../command-handlers';
import type { CheckService } from './check-service';

export function checkHandlers(checks: CheckService): HandlersFor<keyof typeof checkCommands> {
  return {
    'checks.run': ({ id }) => checks.run(id, 'manual'),
    'checks.get': ({ id }) => ({ check: checks.get(id) }),
    'checks.list': () => ({ checks: checks.list() }),
    'rollback.plan': ({ id, includeOthers }) => checks.planRollback(id, includeOthers),
    'rollback.run': ({ id, includeOthers }) => checks.rollBack(id, includeOthers),
  };
}
