/**
 * How the agents whose versions are being merged by another agent are asked to keep off the file:
 * a message from Switchyard to each (messages/message-board.ts). A working agent reads it with its
 * next tool call (as the hook's additional context); an idle one gets it at its prompt if the user
 * allows that, and otherwise when it next starts a turn.
 */
import { isLive, type Agent } from '../../shared/domain';

export interface WaitMessagePorts {
  /** Sends a message from the user's side of Switchyard (Orchestrator.sendMessage). */
  sendMessage(request: { to: string; text: string }): unknown;
}

export interface WaitRequest {
  path: string;
  /** Who resolves the file: `agent "merge x.ts"`. */
  resolverLabel: string;
}

/** Asks each running agent of `agents` to leave `path` alone until the resolver is done; returns the ids told. */
export function tellAgentsToWait(ports: WaitMessagePorts, agents: readonly Agent[], request: WaitRequest): string[] {
  const running = agents.filter((agent) => isLive(agent.status));
  const text =
    `${request.resolverLabel} is merging your version of ${request.path} with another agent's. ` +
    `Do not edit ${request.path} until it is done; continue with other files, or wait.`;
  for (const agent of running) ports.sendMessage({ to: agent.id, text });
  return running.map((agent) => agent.id);
}
