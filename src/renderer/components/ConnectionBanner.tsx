import { useConnection } from '../state/selectors';

/** Says when the WebSocket to `switchyard serve` is down; Electron's IPC is always "open". */
export function ConnectionBanner() {
  const connection = useConnection();
  if (connection === 'open') return null;
  if (connection === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        Connecting to Switchyard…
      </div>
    );
  }
  return (
    <div className="banner banner-warning" role="status">
      Disconnected — reconnecting… If this persists, check that <code>switchyard serve</code> is running and
      open the URL it printed.
    </div>
  );
}
