import type { MessageView } from '../../shared/messages';
import type { SliceCreator } from './slice-creator';

/** Which thread the Messages dialog shows: an agent's id, or 'all' for the repository-wide one. */
export type MessageThread = string | 'all';

/** The repository's messages as `messages.list` gives them and `messages.changed` updates them, and the open thread. */
export interface MessagesSlice {
  messages: MessageView[];
  /** The thread the Messages dialog shows; null while it is closed. */
  messagesThread: MessageThread | null;
  setMessages(messages: MessageView[]): void;
  /** Adds new messages and replaces changed ones (a delivery), keeping the order they were sent in. */
  upsertMessages(messages: readonly MessageView[]): void;
  openMessages(thread: MessageThread): void;
  closeMessages(): void;
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set) => ({
  messages: [],
  messagesThread: null,
  setMessages: (messages) => set({ messages }),
  upsertMessages: (changed) =>
    set((state) => {
      if (changed.length === 0) return {};
      const byId = new Map(changed.map((m) => [m.id, m]));
      const next = state.messages.map((m) => {
        const replacement = byId.get(m.id);
        byId.delete(m.id);
        return replacement ?? m;
      });
      return { messages: [...next, ...byId.values()] };
    }),
  openMessages: (thread) => set({ messagesThread: thread }),
  closeMessages: () => set({ messagesThread: null }),
});
