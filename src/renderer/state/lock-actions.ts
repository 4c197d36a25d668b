/**
 * What the UI asks of the lock table. The answers reach the store through `locks.changed` deltas; these
 * return the outcome so the caller can show a refusal next to what the user typed.
 */
import type { CommandOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { LocksDelta } from '../../shared/locks';
import type { CoreServices } from './core-services';
import { createDeltaFollower, type DeltaFollower } from './delta-follower';
import { reportError } from './report-error';
import { useStore } from './store';

/** Per services (one per window): the revision the lock table is at, and the deltas to replay over a list. */
const lockFollowers = new WeakMap<CoreServices, DeltaFollower<LocksDelta>>();

export function locksFollowerOf(services: CoreServices): DeltaFollower<LocksDelta> {
  let follower = lockFollowers.get(services);
  if (!follower) {
    follower = createDeltaFollower<LocksDelta>({
      apply: (delta) => useStore.getState().applyLocksDelta(delta),
      refetch: () => void refreshLocks(services),
    });
    lockFollowers.set(services, follower);
  }
  return follower;
}

/** Loads the claims and waiters; with no repository open there are none to show. */
export async function refreshLocks(services: CoreServices): Promise<void> {
  const result = await services.api.invoke('locks.list', {});
  if (result.ok) {
    useStore.getState().setLocks(result.value);
    locksFollowerOf(services).listed(result.value.revision);
  }
  else if (result.error.code === 'no-repository') useStore.getState().clearLocks();
  else reportError('Listing claims', result.error);
}

/** Claims `pattern` for the user (no agent); refusals come back in the result, not as a failure. */
export function claimForUser(services: CoreServices, pattern: string, shared: boolean): Promise<Result<CommandOutput<'locks.claim'>>> {
  return services.api.invoke('locks.claim', { patterns: [pattern], shared });
}

/** Releases whoever holds `pattern` (as the panel shows it); the user confirmed it first. */
export function forceRelease(services: CoreServices, pattern: string): Promise<Result<CommandOutput<'locks.release'>>> {
  return services.api.invoke('locks.release', { patterns: [pattern], force: true });
}

/** Checks paths and globs as a claim would, claiming nothing: how each is spelled, or why it is refused. */
export function checkClaimPatterns(services: CoreServices, patterns: string[]): Promise<Result<CommandOutput<'locks.check'>>> {
  return services.api.invoke('locks.check', { patterns });
}
