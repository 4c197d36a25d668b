/** When the browser's link to `switchyard serve` retries and when it gives up (a restarted host never takes the old token). */
import { describe, expect, it } from 'vitest';
import {
  createReconnectPolicy,
  GIVE_UP_AFTER_FAILED_ATTEMPTS,
  RECONNECT_FIRST_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
} from '../../../src/renderer/transport/reconnect-policy';

describe('the reconnect policy', () => {
  it('retries a dropped link with growing delays, and never gives up on a link that keeps coming back', () => {
    const policy = createReconnectPolicy();
    for (let round = 0; round < 20; round++) {
      expect(policy.closed(false, false)).toEqual({ retryInMs: RECONNECT_FIRST_DELAY_MS });
      policy.opened();
    }
    const delays = Array.from({ length: 8 }, () => policy.closed(false, false));
    expect(delays[1]).toEqual({ retryInMs: RECONNECT_FIRST_DELAY_MS * 2 });
    expect(delays.at(-1)).toEqual({ retryInMs: RECONNECT_MAX_DELAY_MS });
  });

  it('says the host is gone after a run of attempts that nothing answered', () => {
    const policy = createReconnectPolicy();
    policy.opened();
    expect(policy.closed(false, false)).toHaveProperty('retryInMs');
    for (let attempt = 1; attempt < GIVE_UP_AFTER_FAILED_ATTEMPTS; attempt++) {
      expect(policy.closed(true, false), `attempt ${attempt}`).toHaveProperty('retryInMs');
    }
    expect(policy.closed(true, false)).toEqual({ giveUp: 'host-gone' });
  });

  it('says the token is refused when a Switchyard still serves this address but twice refuses the socket', () => {
    const policy = createReconnectPolicy();
    expect(policy.closed(true, true)).toHaveProperty('retryInMs');
    expect(policy.closed(true, true)).toEqual({ giveUp: 'token-refused' });
  });

  it('counts afresh once a socket opens, and a refusal between silences does not add up to one', () => {
    const policy = createReconnectPolicy();
    for (let attempt = 1; attempt < GIVE_UP_AFTER_FAILED_ATTEMPTS; attempt++) policy.closed(true, false);
    policy.opened();
    expect(policy.closed(true, true)).toHaveProperty('retryInMs');
    expect(policy.closed(true, false)).toHaveProperty('retryInMs');
    expect(policy.closed(true, true)).toHaveProperty('retryInMs');
  });
});

describe('the reconnect policy of a socket to a connection (another core through the page’s host)', () => {
  it('keeps retrying while the host answers and refuses (the link is down, not the token), and gives up once nothing answers', () => {
    const policy = createReconnectPolicy({ refusalMeansLinkDown: true });
    for (let attempt = 0; attempt < 50; attempt++) expect(policy.closed(true, true), `attempt ${attempt}`).toHaveProperty('retryInMs');
    for (let attempt = 1; attempt < GIVE_UP_AFTER_FAILED_ATTEMPTS; attempt++) expect(policy.closed(true, false)).toHaveProperty('retryInMs');
    expect(policy.closed(true, false)).toEqual({ giveUp: 'host-gone' });
  });
});
