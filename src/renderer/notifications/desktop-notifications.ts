/**
 * The browser's Web Notifications API, for news that arrives while the Switchyard tab is in the
 * background. Only the browser transport uses it: in Electron the main process shows native
 * notifications itself, and a second one from the page would duplicate them.
 */

/** The Electron preload exposes `window.switchyard`; a browser page talks over the WebSocket instead. */
export const runsInElectron = (): boolean => window.switchyard !== undefined;

/** True where the page may ask: the API exists and the user has not answered yet. */
export const canAskForDesktopNotifications = (): boolean =>
  typeof Notification !== 'undefined' && Notification.permission === 'default';

/** Browsers only honour the request from a user gesture, so call this from a click handler. */
export async function askForDesktopNotifications(): Promise<NotificationPermission> {
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.requestPermission();
}

/**
 * Shows a desktop notification when the user allowed them and is looking elsewhere; while the
 * page has the focus its toast says the same thing. Clicking it brings the page back.
 */
export function showDesktopNotification(notice: { title: string; body: string; tag: string; onClick: () => void }): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  // The tag replaces an older notification about the same agent instead of stacking another.
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.onclick = () => {
    window.focus();
    notice.onClick();
    notification.close();
  };
}
