import { useConnection, useRepo } from '../state/selectors';
import { useStore } from '../state/store';
import { LOCAL_CONNECTION_ID } from '../../shared/connections';
import { title } from './connections/connection-names';
import { ReopenAdvice } from './ReopenAdvice';

/**
 * Says when the WebSocket to `switchyard serve` is down; Electron's IPC is always "open". Once the
 * transport gives up (the Switchyard this tab knew stopped or restarted), says how to reopen it.
 */
export function ConnectionBanner() {
  const connection = useConnection();
  const repo = useRepo();
  const link = useStore((s) => (s.currentConnection === LOCAL_CONNECTION_ID ? null : (s.connections.find((entry) => entry.id === s.currentConnection) ?? null)));
  const closeReason = useStore((s) => s.connectionDetail);
  if (connection === 'open') return null;
  if (link && connection !== 'host-gone') {
    // Another core through this page's host (issue 16): the host keeps looking for it, and so does this tab.
    // The host's word first: why the link is down, or, while it first connects, the step it is at
    // (`Opening the SSH tunnel…`); else why this tab's socket closed.
    const firstConnect = connection === 'connecting' || link.state === 'connecting';
    const said = link.state !== 'connected' && link.detail ? link.detail : connection === 'connecting' ? null : closeReason;
    return (
      <div className="banner banner-warning" role="status" data-testid="connection-link-down">
        {link.state === 'failed'
          ? `Could not connect to ${title(link)}.`
          : firstConnect
            ? `Connecting to ${title(link)}…`
            : `Lost the connection to ${title(link)} — reconnecting…`}
        {said && <> {said}</>}
        {link.state === 'failed' && ' Retry it or remove it in the connection switcher.'}
      </div>
    );
  }
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
