/**
 * When the WebSocket transport tries again and when it stops. Every start of `switchyard serve`
 * (or of the app) makes a new access token and, unless `--port` is given, takes a new port: a tab
 * of a Switchyard that stopped can never get back in, so retrying forever only says
 * "reconnecting…" forever. Kept apart from the socket so the decisions can be tested alone.
 */
import type { GaveUpStatus } from './connection-status';

/** Short enough that a dropped link comes back before anyone notices. */
export const RECONNECT_FIRST_DELAY_MS = 250;
/** Long enough not to hammer a host that is gone. */
export const RECONNECT_MAX_DELAY_MS = 5_000;
/**
 * Failed attempts in a row (nothing answers on this address) before the host counts as gone:
 * with the backoff above, about 8 s, far more than a loopback link needs to come back.
 */
export const GIVE_UP_AFTER_FAILED_ATTEMPTS = 6;
/**
 * Refused attempts in a row while a Switchyard still serves pages on this address: it is another
 * start of Switchyard (same `--port`), which refuses this tab's old token. Two rather than one
 * so a host that was just closing its last connections is not mistaken for one.
 */
export const GIVE_UP_AFTER_REFUSED_ATTEMPTS = 2;

export type ReconnectDecision = { retryInMs: number } | { giveUp: GaveUpStatus };

export interface ReconnectPolicy {
  /** The socket opened: start counting afresh. */
  opened(): void;
  /**
   * A socket closed. `neverOpened` says the attempt failed (rather than an open link dropping);
   * `hostAnswers` whether an HTTP request to the page's own address still got an answer.
   */
  closed(neverOpened: boolean, hostAnswers: boolean): ReconnectDecision;
}

export interface ReconnectPolicyOptions {
  /**
   * A socket to a connection (another core, through this page's host): a refusal while the host
   * answers means the link to the far core is down (the host lists it as reconnecting), not that
   * this tab's token is dead, so it is retried for as long as the host answers.
   */
  refusalMeansLinkDown?: boolean;
}

export function createReconnectPolicy(options: ReconnectPolicyOptions = {}): ReconnectPolicy {
  let delay = RECONNECT_FIRST_DELAY_MS;
  let failed = 0;
  let refused = 0;
  return {
    opened() {
      delay = RECONNECT_FIRST_DELAY_MS;
      failed = 0;
      refused = 0;
    },
    closed(neverOpened, hostAnswers) {
      if (neverOpened) {
        failed += 1;
        if (hostAnswers && options.refusalMeansLinkDown) failed = 0;
        refused = hostAnswers && !options.refusalMeansLinkDown ? refused + 1 : 0;
        if (refused >= GIVE_UP_AFTER_REFUSED_ATTEMPTS) return { giveUp: 'token-refused' };
        if (failed >= GIVE_UP_AFTER_FAILED_ATTEMPTS) return { giveUp: 'host-gone' };
      }
      const retryInMs = delay;
      delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
      return { retryInMs };
    },
  };
}
