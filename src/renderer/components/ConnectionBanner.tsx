import { useConnection, useRepo } from '../state/selectors';
import { ReopenAdvice } from './ReopenAdvice';

/**
 * Says when the WebSocket to `switchyard serve` is down; Electron's IPC is always "open". Once the
 * transport gives up (the Switchyard this tab knew stopped or restarted), says how to reopen it.
 */
export function ConnectionBanner() {
  const connection = useConnection();
  const repo = useRepo();
  if (connection === 'open') return null;
  if (connection === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        Connecting to Switchyard…
      </div>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <div className="banner banner-warning" role="status">
        Disconnected — reconnecting…
      </div>
    );
  }
  return (
    <div className="banner banner-warning" role="alert" data-testid="connection-lost">
      <p>
        {connection === 'token-refused'
          ? 'Switchyard was restarted at this address and no longer accepts this tab’s access token.'
          : 'This Switchyard has stopped: nothing answers at this tab’s address any more.'}{' '}
        This tab cannot reconnect; each start of Switchyard has a new address.
      </p>
      <ReopenAdvice repo={repo} />
    </div>
  );
}
