/**
 * Turns the core's `notification` events into toasts, and in a browser also into desktop
 * notifications. A plain subscription outside React: it lives as long as the page.
 */
import type { SwitchyardApi } from '../../shared/api';
import type { EventPayload } from '../../shared/contract';
import { useStore } from '../state/store';
import type { ToastTone } from '../state/toasts-slice';
import { showDesktopNotification } from './desktop-notifications';

type CoreNotification = EventPayload<'notification'>;

const TONE_OF_KIND: Record<CoreNotification['kind'], ToastTone> = {
  waiting: 'info',
  finished: 'info',
  stuck: 'warning',
  failed: 'error',
  problem: 'error',
};

export interface NotificationOptions {
  /** Also show Web Notifications (when permitted); false in Electron, whose main process shows its own. */
  desktop: boolean;
}

/** Subscribes; returns the unsubscribe. */
export function followNotifications(api: SwitchyardApi, options: NotificationOptions): () => void {
  return api.on('notification', (notification) => {
    const { kind, agentId, title, body } = notification;
    useStore.getState().pushToast(body, { title, tone: TONE_OF_KIND[kind] });
    if (!options.desktop) return;
    showDesktopNotification({
      title,
      body,
      tag: agentId ?? kind,
      onClick: () => {
        if (agentId !== null && useStore.getState().agents.some((agent) => agent.id === agentId)) {
          useStore.getState().showAgent(agentId);
        }
      },
    });
  });
}
