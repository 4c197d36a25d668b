/** How a lock table is set up: its clock, token reservations, path case, lock delay, advisory holders. */
import type { Clock } from '../lifecycle/clock';

/**
 * How long an ended agent's claims outlive it. Its last writes (an apply_patch still flushing, a
 * formatter run on exit) must land and be attributed to it before another agent can take the
 * files; the file watcher settles well within this.
 */
export const DEFAULT_LOCK_DELAY_MS = 1_500;

/** Tokens reserved per durable write: one small synchronous write per thousand grants. */
export const TOKEN_RESERVATION_BLOCK = 1_000;

export interface LockTableOptions {
  clock?: Clock;
  /**
   * Called (synchronously) before a token at or above the last reservation is granted, with the
   * new reservation to make durable; a restart then starts from at least that value. Saving the
   * whole table is asynchronous, so without this a token acknowledged just before a crash could be
   * handed out again after it.
   */
  reserveTokens?: (upTo: number) => void;
  /** A reservation made durable earlier (see reserveTokens); tokens restart at or above it. */
  reservedTokens?: number;
  /** Compare paths case-folded (detected per repository by RepoPaths). */
  caseInsensitive?: boolean;
  lockDelayMs?: number;
  /**
   * Whether an agent's claims are advisory: an isolated agent works in its own worktree, so its
   * claims are recorded and shown but never block anyone, and nobody's claims block it.
   */
  isAdvisory?: (agentId: string) => boolean;
}
