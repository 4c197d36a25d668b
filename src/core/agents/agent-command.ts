/**
 * What a managed agent runs: Codex with the hook and MCP arguments that tie it to this
 * Switchyard, its task, and an environment that names the agent and the control socket.
 */
import { AGENT_ID_ENV, CONTROL_SOCKET_ENV, HOOK_TOKEN_ENV } from '../../shared/control';
import type { Agent } from '../../shared/domain';
import { buildCodexArgs } from '../codex/codex-args';
import type { findCodex } from '../codex/find-codex';
import { buildHookArgs } from '../gate/hook-args';
import { buildMcpArgs } from '../codex/mcp-args';
import { buildAgentEnv } from './agent-env';

export interface AgentCommand {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface AgentCommandInput {
  repo: string;
  agent: Agent;
  codex: ReturnType<typeof findCodex>;
  /** `codex resume <session>` instead of a new session. */
  resumeSessionId: string | null;
  baseEnv: NodeJS.ProcessEnv;
  /** The argv of the hook client; null: no hooks (status from the terminal only). */
  hookCommand: readonly string[] | null;
  /** The secret of this run, which its hooks must present (gate/hook-tokens.ts). */
  hookToken: string;
  /** The argv that runs `switchyard mcp`; null: no claim tools. */
  mcpCommand: readonly string[] | null;
  controlSocket: string | null;
  /** The repository's worktree setup command, run before an isolated agent's first Codex start. */
  worktreeSetup?: string | null;
}

/** Passes the setup line to the wrapper without quoting it into a command line. */
export const WORKTREE_SETUP_ENV = 'SWITCHYARD_WORKTREE_SETUP';

/**
 * Runs the setup line in the worktree, in the agent's terminal so its output shows there, then
 * becomes Codex (exec: the same process, so the agent's pid and start time stay Codex's).
 */
const SETUP_WRAPPER = [
  `printf '\\033[2m── worktree setup: %s ──\\033[0m\\r\\n' "$${WORKTREE_SETUP_ENV}"`,
  `sh -c "$${WORKTREE_SETUP_ENV}" || { code=$?; printf '\\r\\nThe worktree setup command failed (exit %s); Codex was not started. Fix it in Settings, then launch again.\\r\\n' "$code"; exit "$code"; }`,
  `unset ${WORKTREE_SETUP_ENV}`,
  'exec "$0" "$@"',
].join('\n');

export function buildAgentCommand(input: AgentCommandInput): AgentCommand {
  const { agent, codex, controlSocket } = input;
  const hookArgs = input.hookCommand ? buildHookArgs(input.hookCommand) : [];
  const mcpArgs = input.mcpCommand && controlSocket ? buildMcpArgs(input.mcpCommand, agent.id, controlSocket) : [];
  const env = buildAgentEnv({
    base: input.baseEnv,
    agentId: agent.id,
    codexHome: agent.codexHome ?? undefined,
    codexEnv: codex.env,
  });
  if (controlSocket) env[CONTROL_SOCKET_ENV] = controlSocket;
  env[AGENT_ID_ENV] = agent.id;
  env[HOOK_TOKEN_ENV] = input.hookToken;
  // An isolated agent works in its own worktree: Codex starts there and trusts that folder.
  const folder = agent.workspace?.path ?? input.repo;
  const args = buildCodexArgs({
    repo: folder,
    task: agent.task,
    extraArgs: [...hookArgs, ...mcpArgs, ...agent.codexArgs],
    resumeSessionId: input.resumeSessionId,
  });
  // Only where Codex has not run yet: a resumed agent's worktree was set up at its first start.
  if (agent.workspace && input.worktreeSetup && !input.resumeSessionId) {
    env[WORKTREE_SETUP_ENV] = input.worktreeSetup;
    return { file: '/bin/sh', args: ['-c', SETUP_WRAPPER, codex.path, ...args], cwd: folder, env };
  }
  return { file: codex.path, args, cwd: folder, env };
}
