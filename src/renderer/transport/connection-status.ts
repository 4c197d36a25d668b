/**
 * How the UI is connected to the core. `connecting` is the first attempt (invokes wait for it);
 * `reconnecting` means the link dropped and invokes fail fast instead of hanging the UI.
 * `host-gone` and `token-refused` are final: the transport stopped trying, because a Switchyard
 * that stopped never comes back with this tab's token (every start makes a new one).
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'host-gone' | 'token-refused';

/** The statuses after which the transport no longer tries to connect. */
export type GaveUpStatus = Extract<ConnectionStatus, 'host-gone' | 'token-refused'>;

export const isGaveUp = (status: ConnectionStatus): status is GaveUpStatus =>
  status === 'host-gone' || status === 'token-refused';
