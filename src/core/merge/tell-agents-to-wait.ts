/**
 * How the agents whose versions are being merged by another agent are asked to keep off the file.
 * For now this types a message into each one's terminal, the way a conflict's "Tell" action does;
 * it is the one place to switch to agent-to-agent messages once those exist.
 */
import { isLive, type Agent } from '../../shared/domain';
import { MESSAGE_PREFIX } from '../conflicts/conflict-actions';

/**
 * Codex reads keystrokes that arrive together as a typed-out paste, in which an Enter that follows
 * soon after is a newline rather than a submit (its paste-burst window is timed, so a busy machine
 * stretches it). The text goes as a bracketed paste instead, which Codex takes as one paste event
 * with no burst window; Enter follows as its own keystroke, a moment later.
 */
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const SUBMIT_AFTER_MS = 150;

export interface WaitMessagePorts {
  /** Types into the agent's terminal (Orchestrator.input). */
  input(agentId: string, data: string): void;
}

export interface WaitRequest {
  path: string;
  /** Who resolves the file: `agent "merge x.ts"`. */
  resolverLabel: string;
}

/** Asks each running agent of `agents` to leave `path` alone until the resolver is done; returns the ids told. */
export async function tellAgentsToWait(ports: WaitMessagePorts, agents: readonly Agent[], request: WaitRequest): Promise<string[]> {
  const running = agents.filter((agent) => isLive(agent.status));
  const text =
    `${MESSAGE_PREFIX}${request.resolverLabel} is merging your version of ${request.path} with another agent's. ` +
    `Do not edit ${request.path} until it is done; continue with other files, or wait.`;
  for (const agent of running) ports.input(agent.id, PASTE_START + text + PASTE_END);
  if (running.length > 0) await new Promise((resolve) => setTimeout(resolve, SUBMIT_AFTER_MS));
  for (const agent of running) ports.input(agent.id, '\r');
  return running.map((agent) => agent.id);
}
