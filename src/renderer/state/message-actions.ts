/** Messages between the user and the agents: loading, following `messages.changed`, and sending. */
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

export async function refreshMessages(services: CoreServices): Promise<void> {
  const result = await services.api.invoke('messages.list', {});
  if (result.ok) useStore.getState().setMessages(result.value.messages);
  else if (result.error.code !== 'no-repository') reportError('Listing messages', result.error);
}

/** Keeps the store's messages current; a gap in the revisions (a missed event) lists them again. */
export function followMessages(services: CoreServices): () => void {
  let revision: number | null = null;
  return services.api.on('messages.changed', (payload) => {
    const gap = revision !== null && payload.revision !== revision + 1;
    revision = payload.revision;
    if (gap) void refreshMessages(services);
    else useStore.getState().upsertMessages(payload.messages);
  });
}

/**
 * Sends a message from the user to one agent (`to` its id) or, with `to` null, to all; `deliverNow`
 * types it at an idle agent's prompt. True when it was sent.
 */
export async function sendMessage(services: CoreServices, to: string | null, text: string, deliverNow: boolean): Promise<boolean> {
  const result = await services.api.invoke('messages.send', { to, text, deliverNow });
  if (!result.ok) {
    reportError(to === null ? 'Messaging all agents' : 'Sending the message', result.error);
    return false;
  }
  useStore.getState().upsertMessages([result.value.message]);
  return true;
}
