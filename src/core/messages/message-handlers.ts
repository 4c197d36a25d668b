/** Binds the message commands (src/shared/messages.ts) to the core's message board. */
import type { messageCommands } from '../../shared/messages';
import type { MessageView } from '../../shared/messages';
import type { HandlersFor } from '../command-handlers';
import type { RosterEntry } from './agent-roster';
import type { SendRequest } from './message-board';

/** What the message commands need of the core. */
export interface MessageSources {
  sendMessage(request: SendRequest): MessageView;
  listMessages(agentId?: string): { messages: MessageView[]; revision: number };
  readMessages(agentId: string, all: boolean): MessageView[];
  roster(agentId?: string): { agents: RosterEntry[]; text: string };
}

export function messageHandlers(core: MessageSources): HandlersFor<keyof typeof messageCommands> {
  return {
    'messages.send': (input) => ({ message: core.sendMessage(input) }),
    'messages.list': ({ agentId }) => core.listMessages(agentId),
    'messages.read': ({ agentId, all }) => ({ messages: core.readMessages(agentId, all) }),
    'agents.roster': ({ agentId }) => core.roster(agentId),
  };
}
