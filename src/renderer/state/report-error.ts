import type { AppError } from '../../shared/result';
import { useStore } from './store';

/**
 * Shows a failed invoke as a toast. While the link is down `unavailable` is skipped: the
 * connection banner already says so, and one toast per failed call would bury it.
 */
export function reportError(action: string, error: AppError): void {
  const { connection, pushToast } = useStore.getState();
  if (error.code === 'unavailable' && connection !== 'open') return;
  pushToast(`${action}: ${error.message}`);
}
