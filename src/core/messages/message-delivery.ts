/**
 * Who a message is for and how it reads to a model, as pure functions: the message board decides
 * when to deliver, these decide what.
 */
import type { Agent } from '../../shared/domain';
import type { MessageView } from '../../shared/messages';

/**
 * How much message text one hook event may add to the model's context. Codex puts additional
 * context into the conversation as is; a few KB keeps a burst of messages from crowding the task.
 */
export const MAX_MESSAGE_CONTEXT_CHARS = 4_000;

/** Is `message` for `agent`? Sent to it, or to all (but not by itself, and not before it started). */
export function isAddressedTo(message: MessageView, agent: Pick<Agent, 'id' | 'startedAt'>): boolean {
  if (message.from === agent.id) return false;
  if (message.to === agent.id) return true;
  // A broadcast from before the agent started is history; the roster tells it what it needs now.
  return message.to === null && message.at >= agent.startedAt;
}

export const isDeliveredTo = (message: MessageView, agentId: string): boolean => message.deliveries.some((d) => d.agentId === agentId);

/** The agent's messages that have not reached it yet, oldest first. */
export function unreadFor(messages: readonly MessageView[], agent: Pick<Agent, 'id' | 'startedAt'>): MessageView[] {
  return messages.filter((m) => isAddressedTo(m, agent) && !isDeliveredTo(m, agent.id));
}

/** "the user" or the agent's name. */
export type NameOf = (agentId: string | null) => string;

/** One message as one line a model or a person reads. */
export function messageLine(message: MessageView, nameOf: NameOf): string {
  const to = message.to === null ? ' to all agents' : '';
  return `From ${nameOf(message.from)}${to} (${message.at.slice(11, 16)} UTC): ${message.text}`;
}

/**
 * The messages as additional context for a model: as many as fit MAX_MESSAGE_CONTEXT_CHARS, whole
 * (the first one cut if it alone is too long). Those left out stay unread for the next event.
 */
export function messagesAsContext(messages: readonly MessageView[], nameOf: NameOf): { text: string; included: MessageView[] } | null {
  if (messages.length === 0) return null;
  const head = 'Messages for you, relayed by Switchyard (answer with the send_message tool if they ask you something):';
  const lines: string[] = [];
  const included: MessageView[] = [];
  let size = head.length;
  for (const message of messages) {
    let line = `- ${messageLine(message, nameOf)}`;
    if (included.length === 0 && size + line.length + 1 > MAX_MESSAGE_CONTEXT_CHARS) line = `${line.slice(0, MAX_MESSAGE_CONTEXT_CHARS - size - 2)}…`;
    if (size + line.length + 1 > MAX_MESSAGE_CONTEXT_CHARS) break;
    lines.push(line);
    included.push(message);
    size += line.length + 1;
  }
  const rest = messages.length - included.length;
  if (rest > 0) lines.push(`(${rest} more: call read_messages.)`);
  return { text: [head, ...lines].join('\n'), included };
}

/** A message typed at an idle agent's prompt: one line, since Enter submits. */
export function messageAsPrompt(message: MessageView, nameOf: NameOf): string {
  return `[Message relayed by Switchyard] ${messageLine(message, nameOf).replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
