/** The `-c mcp_servers.switchyard=…` override that gives a managed agent Switchyard's claim tools. */
import { AGENT_ID_ENV, CONTROL_SOCKET_ENV } from '../../shared/control';
import { tomlString } from './codex-args';

export const MCP_SERVER_NAME = 'switchyard';

/**
 * `mcpCommand` is the argv that runs `switchyard mcp`. Codex starts MCP servers with a reduced
 * environment, so the agent id and control socket are passed explicitly.
 */
export function buildMcpArgs(mcpCommand: readonly string[], agentId: string, controlSocket: string): string[] {
  const [command, ...args] = mcpCommand;
  if (!command) return [];
  const env = `{${AGENT_ID_ENV}=${tomlString(agentId)}, ${CONTROL_SOCKET_ENV}=${tomlString(controlSocket)}}`;
  // Codex 0.171 asks the user before each MCP tool call unless the server's tools are approved;
  // these are Switchyard's own coordination tools, which touch no file, so they are.
  const value = `{command=${tomlString(command)}, args=[${args.map(tomlString).join(', ')}], env=${env}, default_tools_approval_mode="approve"}`;
  return ['-c', `mcp_servers.${MCP_SERVER_NAME}=${value}`];
}
