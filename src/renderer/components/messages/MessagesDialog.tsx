import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { inThreadOf, type MessageView } from '../../../shared/messages';
import { useServices } from '../../services-context';
import { sendMessage } from '../../state/message-actions';
import type { MessageThread } from '../../state/messages-slice';
import { useStore } from '../../state/store';
import { useModalDialog } from '../use-modal-dialog';
import './messages.css';

/**
 * The messages between the user and the agents: a thread per agent (what it sent, what it was
 * sent, what went to all) and the repository-wide one, with a form to send to the thread's agent
 * (or all). Opened from an agent's pane, the map and the header.
 */
export function MessagesDialog() {
  const thread = useStore((s) => s.messagesThread);
  const closeMessages = useStore((s) => s.closeMessages);
  const dialogRef = useModalDialog(thread !== null);
  return (
    <dialog ref={dialogRef} className="dialog messages-dialog" aria-labelledby="messages-title" onClose={closeMessages}>
      {thread !== null && <MessagesBody thread={thread} />}
    </dialog>
  );
}

function MessagesBody(props: { thread: MessageThread }) {
  const { thread } = props;
  const agents = useStore((s) => s.agents);
  const messages = useStore((s) => s.messages);
  const openMessages = useStore((s) => s.openMessages);
  const closeMessages = useStore((s) => s.closeMessages);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const nameOf = (id: string | null): string => (id === null ? 'you' : (names.get(id) ?? id));
  const agent = thread === 'all' ? null : (agents.find((a) => a.id === thread) ?? null);
  const shown = thread === 'all' ? messages : messages.filter((m) => inThreadOf(m, thread));
  const title = thread === 'all' ? 'Messages — all agents' : `Messages — ${nameOf(thread)}`;
  return (
    <div className="messages-body">
      <h2 id="messages-title">{title}</h2>
      <div className="messages-columns">
        <nav className="messages-threads" aria-label="Threads">
          <ThreadButton label="All agents" active={thread === 'all'} onClick={() => openMessages('all')} />
          {agents.map((a) => (
            <ThreadButton key={a.id} label={a.name} active={thread === a.id} onClick={() => openMessages(a.id)} />
          ))}
        </nav>
        <div className="messages-thread">
          {shown.length === 0 ? (
            <p className="messages-empty">No messages here yet.</p>
          ) : (
            <ol className="messages-list" aria-label="Message thread">
              {shown.map((m) => (
                <MessageItem key={m.id} message={m} nameOf={nameOf} />
              ))}
            </ol>
          )}
          <SendForm key={thread} to={agent} threadName={thread === 'all' ? null : nameOf(thread)} onClose={closeMessages} />
        </div>
      </div>
    </div>
  );
}

function ThreadButton(props: { label: string; active: boolean; onClick: () => void }) {
  return (
    <button type="button" className="messages-thread-button" aria-pressed={props.active} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

function MessageItem(props: { message: MessageView; nameOf: (id: string | null) => string }) {
  const { message, nameOf } = props;
  const delivery =
    message.deliveries.length === 0
      ? 'not delivered yet'
      : `delivered to ${message.deliveries.map((d) => `${nameOf(d.agentId)} (${DELIVERY_WORDS[d.via]})`).join(', ')}`;
  return (
    <li className={message.from === null ? 'messages-item from-user' : 'messages-item'} data-message-id={message.id}>
      <div className="messages-meta">
        <span className="messages-route">
          {nameOf(message.from)} → {message.to === null ? 'all agents' : nameOf(message.to)}
        </span>
        <time dateTime={message.at}>{new Date(message.at).toLocaleTimeString()}</time>
      </div>
      <p className="messages-text">{message.text}</p>
      <p className="messages-delivery">{delivery}</p>
    </li>
  );
}

const DELIVERY_WORDS = { hook: 'while working', prompt: 'typed at its prompt', read: 'it read it' } as const;

/** To the thread's agent, or (in the repository-wide thread) to all of them. */
function SendForm(props: { to: Agent | null; threadName: string | null; onClose: () => void }) {
  const services = useServices();
  const [text, setText] = useState('');
  const [deliverNow, setDeliverNow] = useState(false);
  const [busy, setBusy] = useState(false);
  const recipient = props.threadName === null ? 'all agents' : props.threadName;
  const send = async (): Promise<void> => {
    setBusy(true);
    const sent = await sendMessage(services, props.to?.id ?? null, text.trim(), deliverNow);
    setBusy(false);
    if (sent) setText('');
  };
  return (
    <form
      className="messages-form"
      aria-label="Send a message"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label>
        Message to {recipient}
        <textarea rows={3} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <label className="messages-deliver-now">
        <input type="checkbox" checked={deliverNow} onChange={(event) => setDeliverNow(event.target.checked)} />
        Type it at the prompt of an idle agent now
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
