import { inThreadOf } from '../../../shared/messages';
import type { MessageThread } from '../../state/messages-slice';
import { useStore } from '../../state/store';

/**
 * Opens the Messages dialog on a thread: an agent's (from its pane) or all agents' (from the map
 * and the header). It shows how many messages the thread holds.
 */
export function MessagesButton(props: { thread: MessageThread; name: string; className?: string }) {
  const openMessages = useStore((s) => s.openMessages);
  const thread = props.thread;
  const count = useStore((s) => (thread === 'all' ? s.messages.length : s.messages.filter((m) => inThreadOf(m, thread)).length));
  return (
    <button type="button" className={props.className ?? 'small-button'} aria-label={props.name} title={props.name} onClick={() => openMessages(thread)}>
      Messages{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
