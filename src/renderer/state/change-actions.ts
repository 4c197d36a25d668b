/**
 * What the lock/conflict map asks of the core: the map itself (kept live from events, throttled),
 * a file's timeline and diffs, restore and assign, and the conflicts' actions, each of which runs
 * an existing command. Outcomes the user should know about end in a toast.
 */
import type { CommandOutput } from '../../shared/contract';
import type { ConflictAction } from '../../shared/conflicts';
import type { Result } from '../../shared/result';
import { createRefreshThrottle } from '../components/map/refresh-throttle';
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

/**
 * At most four map fetches a second: the core announces up to ten changes a second, and a
 * thousand-file map is too big to fetch that often; a write still shows within ~250 ms.
 */
export const MAP_REFRESH_INTERVAL_MS = 250;

/** Fetches the map; an answer about a repository that is no longer open is dropped. */
export async function refreshChangeMap(services: CoreServices, options: { replace?: boolean } = {}): Promise<void> {
  const epoch = useStore.getState().changeMapEpoch;
  const result = await services.api.invoke('changes.map', {});
  const state = useStore.getState();
  if (state.changeMapEpoch !== epoch) return;
  if (result.ok) state.setChangeMap(result.value, options.replace);
  else if (result.error.code === 'no-repository') state.resetChangeMap();
  else state.setChangeMapError(result.error.message);
}

/**
 * Keeps the map current: refetched on `changes.changed`, and on lock and agent changes (claims
 * and names are part of it); returns the unsubscribe.
 */
export function followChangeMap(services: CoreServices): () => void {
  const throttle = createRefreshThrottle(() => refreshChangeMap(services), MAP_REFRESH_INTERVAL_MS);
  const stops = [
    services.api.on('changes.changed', throttle.request),
    services.api.on('locks.changed', throttle.request),
    services.api.on('agents.changed', throttle.request),
    services.api.on('repo.changed', () => {
      useStore.getState().resetChangeMap();
      throttle.request();
    }),
  ];
  return () => {
    stops.forEach((stop) => stop());
    throttle.dispose();
  };
}

export function loadTimeline(services: CoreServices, path: string): Promise<Result<CommandOutput<'changes.timeline'>>> {
  return services.api.invoke('changes.timeline', { path });
}

export function loadDiff(services: CoreServices, path: string, to: number, from?: number): Promise<Result<CommandOutput<'changes.diff'>>> {
  return services.api.invoke('changes.diff', from === undefined ? { path, to } : { path, to, from });
}

const info = (message: string): void => useStore.getState().pushToast(message, { tone: 'info' });

/** Writes `version` of `path` back (the user confirmed); true when it was restored. */
export async function restoreVersion(services: CoreServices, path: string, version: number): Promise<boolean> {
  const result = await services.api.invoke('changes.restore', { path, version });
  if (!result.ok) {
    reportError(`Restoring ${path}`, result.error);
    return false;
  }
  if (result.value.restored) info(`Restored version ${version} of ${path}.`);
  else info(`${path} already holds version ${version}; nothing was written.`);
  return result.value.restored;
}

export async function assignFile(services: CoreServices, path: string, agentId: string, agentName: string): Promise<boolean> {
  const result = await services.api.invoke('changes.assign', { path, agentId });
  if (!result.ok) {
    reportError(`Assigning ${path}`, result.error);
    return false;
  }
  const { changed } = result.value;
  info(changed === 0 ? `${path} had no unattributed changes to assign.` : `Assigned ${changed} ${changed === 1 ? 'change' : 'changes'} of ${path} to ${agentName}.`);
  return true;
}

/**
 * Sends `text` to the agent as a message from the user: it reaches the agent at its next step
 * while it works; at its prompt when idle only with `deliverNow` (or the repository's setting).
 */
export async function messageAgent(services: CoreServices, agentId: string, agentName: string, text: string, deliverNow = false): Promise<boolean> {
  const sent = await services.api.invoke('messages.send', { to: agentId, text, deliverNow });
  if (!sent.ok) {
    reportError(`Messaging ${agentName}`, sent.error);
    return false;
  }
  useStore.getState().upsertMessages([sent.value.message]);
  info(`Sent the message to ${agentName}.`);
  return true;
}

/** Escape interrupts Codex's current turn; it then waits for the user. */
const INTERRUPT_KEY = '\x1b';

/**
 * Runs a conflict action that needs no further input from the user. restore-version (which asks
 * first), message-agent (whose text the user edits) and open-diff (a view) are handled by the view.
 */
export async function runConflictAction(
  services: CoreServices,
  action: Extract<ConflictAction, { type: 'stop-agent' | 'pause-agent' | 'release-claim' | 'transfer-claim' }>,
  nameOf: (agentId: string) => string,
): Promise<boolean> {
  switch (action.type) {
    case 'stop-agent': {
      const result = await services.api.invoke('agents.stop', { id: action.agentId, force: false });
      if (!result.ok) return failed(`Stopping ${nameOf(action.agentId)}`, result);
      info(`Stopped ${nameOf(action.agentId)}.`);
      return true;
    }
    case 'pause-agent': {
      const result = await services.api.invoke('terminal.input', { id: action.agentId, data: INTERRUPT_KEY });
      if (!result.ok) return failed(`Pausing ${nameOf(action.agentId)}`, result);
      info(`Interrupted ${nameOf(action.agentId)}'s turn; it waits for you in its terminal.`);
      return true;
    }
    case 'release-claim': {
      const result = await services.api.invoke('locks.release', { agentId: action.agentId, patterns: [action.pattern], force: true });
      if (!result.ok) return failed(`Releasing ${action.pattern}`, result);
      info(`Released ${nameOf(action.agentId)}'s claim on ${action.pattern}.`);
      return true;
    }
    case 'transfer-claim': {
      const released = await services.api.invoke('locks.release', { agentId: action.from, patterns: [action.pattern], force: true });
      if (!released.ok) return failed(`Releasing ${action.pattern}`, released);
      const claimed = await services.api.invoke('locks.claim', { agentId: action.to, patterns: [action.pattern], shared: false, wait: false });
      if (!claimed.ok) return failed(`Claiming ${action.pattern} for ${nameOf(action.to)}`, claimed);
      const refusal = claimed.value.refused[0];
      if (refusal) {
        useStore.getState().pushToast(`Released ${action.pattern}, but ${nameOf(action.to)} could not claim it: ${refusal.reason}`);
        return false;
      }
      info(`Moved the claim on ${action.pattern} from ${nameOf(action.from)} to ${nameOf(action.to)}.`);
      return true;
    }
  }
}

function failed(action: string, result: { ok: false; error: Parameters<typeof reportError>[1] }): false {
  reportError(action, result.error);
  return false;
}
