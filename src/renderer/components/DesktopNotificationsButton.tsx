import { useState } from 'react';
import {
  askForDesktopNotifications,
  canAskForDesktopNotifications,
  runsInElectron,
} from '../notifications/desktop-notifications';
import { useStore } from '../state/store';

/** What to tell someone whose browser refused: the site's permission is theirs to change. */
export const NOTIFICATIONS_BLOCKED_MESSAGE =
  'This browser blocks notifications from Switchyard, so finished, failed or stuck agents only show here. ' +
  'To allow them: click the icon left of the address, set Notifications to Allow, then reload the page.';

/**
 * Browser only: asks for permission to show desktop notifications, from a click as browsers
 * require. Hidden once the user answered, and in Electron, which notifies natively. A refusal
 * (by the user, or by the browser without asking) is said in a toast, with how to undo it.
 */
export function DesktopNotificationsButton() {
  const [askable, setAskable] = useState(() => !runsInElectron() && canAskForDesktopNotifications());
  const pushToast = useStore((s) => s.pushToast);
  if (!askable) return null;
  const ask = async (): Promise<void> => {
    const answer = await askForDesktopNotifications();
    if (answer === 'denied') pushToast(NOTIFICATIONS_BLOCKED_MESSAGE, { title: 'Desktop notifications are blocked', tone: 'warning' });
    // "default" again means the prompt was dismissed; asking again later is allowed.
    setAskable(canAskForDesktopNotifications());
  };
  return (
    <button
      type="button"
      className="notifications-button"
      // Short on screen (the header is full at 1300 px); the full name for screen readers and tests.
      aria-label="Enable desktop notifications"
      title="Hear when an agent finishes, fails, waits for input or looks stuck while this tab is in the background"
      onClick={() => void ask()}
    >
      Notifications
    </button>
  );
}
