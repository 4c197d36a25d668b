/** Asks the core which Codex runs; again whenever what decides it may have changed (repo, settings). */
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

export async function refreshCodexInfo(services: CoreServices): Promise<void> {
  const result = await services.api.invoke('codex.info', {});
  if (result.ok) useStore.getState().setCodex(result.value);
  else reportError('Finding Codex', result.error);
}
