import { useState } from 'react';
import {
  askForDesktopNotifications,
  canAskForDesktopNotifications,
  runsInElectron,
} from '../notifications/desktop-notifications';

/**
 * Browser only: asks for permission to show desktop notifications, from a click as browsers
 * require. Hidden once the user answered, and in Electron, which notifies natively.
 */
export function DesktopNotificationsButton() {
  const [askable, setAskable] = useState(() => !runsInElectron() && canAskForDesktopNotifications());
  if (!askable) return null;
  const ask = async (): Promise<void> => {
    await askForDesktopNotifications();
    // "default" again means the prompt was dismissed; asking again later is allowed.
    setAskable(canAskForDesktopNotifications());
  };
  return (
    <button
      type="button"
      className="notifications-button"
      title="Hear when an agent finishes, fails, waits for input or looks stuck while this tab is in the background"
      onClick={() => void ask()}
    >
      Enable desktop notifications
    </button>
  );
}
