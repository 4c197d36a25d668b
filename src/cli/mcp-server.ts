/**
 * `switchyard mcp`: an MCP server (stdio) that Switchyard injects into every managed agent, so
 * the model can declare what it is about to edit, learn who holds what before it tries, see who
 * else works here, and talk to the other agents. It speaks to the Switchyard that started the
 * agent over the control socket.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { AGENT_ID_ENV, CONTROL_SOCKET_ENV } from '../shared/control';
import { MESSAGE_TEXT_MAX } from '../shared/messages';
import { controlRequest } from '../core/control/control-client';

const REQUEST_TIMEOUT_MS = 10_000;
/** A wait longer than this would hold the model's turn too long; it can ask again. */
const MAX_WAIT_SECONDS = 300;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

const text = (value: unknown, isError = false): ToolResult => ({
  content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }],
  ...(isError ? { isError: true } : {}),
});

export function createMcpServer(env: NodeJS.ProcessEnv): McpServer {
  const agentId = env[AGENT_ID_ENV];
  const socket = env[CONTROL_SOCKET_ENV];
  const call = async (name: string, input: Record<string, unknown>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ToolResult> => {
    if (!socket) return text('Switchyard is not running this agent (no control socket); claims are unavailable.', true);
    try {
      const result = await controlRequest(socket, name, input, timeoutMs);
      return result.ok ? text(result.value) : text(result.error.message, true);
    } catch (error) {
      return text(`Switchyard is not reachable: ${(error as Error).message}`, true);
    }
  };
  const mine = agentId ? { agentId } : {};

  const server = new McpServer({ name: 'switchyard', version: '0.1.0' });
  server.registerTool(
    'claim_paths',
    {
      description:
        'Claim files, directories (with a trailing /) or globs before editing them, so other agents in this ' +
        'repository cannot write them meanwhile. Returns what was granted, refused (with who holds it) or queued.',
      inputSchema: {
        paths: z.array(z.string().min(1)).min(1).describe('repository-relative paths, directories or globs'),
        shared: z.boolean().optional().describe('a shared claim lets others share it too; default exclusive'),
        wait_seconds: z.number().int().min(0).max(MAX_WAIT_SECONDS).optional().describe('queue behind the holder this long'),
      },
    },
    ({ paths, shared, wait_seconds }) =>
      call(
        'locks.claim',
        {
          ...mine,
          patterns: paths,
          shared: shared ?? false,
          ...(wait_seconds ? { wait: true, timeoutMs: wait_seconds * 1000 } : {}),
        },
        REQUEST_TIMEOUT_MS + (wait_seconds ?? 0) * 1000,
      ),
  );
  server.registerTool(
    'release_paths',
    {
      description: 'Release claims this agent holds, when it is done with those files.',
      inputSchema: { paths: z.array(z.string().min(1)).min(1) },
    },
    ({ paths }) => call('locks.release', { ...mine, patterns: paths }),
  );
  server.registerTool(
    'list_claims',
    { description: 'List every claim in this repository: holder, path or glob, mode, fencing token, age; and who waits.' },
    () => call('locks.list', {}),
  );
  server.registerTool(
    'who_holds',
    {
      description: 'Which claims cover a path (and so whether you may write it).',
      inputSchema: { path: z.string().min(1) },
    },
    ({ path }) => call('locks.whoHolds', { path }),
  );
  server.registerTool(
    'list_agents',
    {
      description:
        'Who else works on this repository now: each agent\'s name, id, status, task and claims, and the rules ' +
        '(claim before you write; ask the holder before you touch its file).',
    },
    async () => {
      const result = await call('agents.roster', mine);
      return result.isError ? result : rosterText(result);
    },
  );
  server.registerTool(
    'send_message',
    {
      description:
        'Send a message to another agent of this repository (by name or id), or to all of them with to="all". ' +
        'It reaches a working agent at its next step; the user sees every message.',
      inputSchema: {
        to: z.string().min(1).describe('the agent\'s name or id, or "all"'),
        text: z.string().min(1).max(MESSAGE_TEXT_MAX),
      },
    },
    ({ to, text: body }) => call('messages.send', { ...(agentId ? { from: agentId } : {}), to: to.trim().toLowerCase() === 'all' ? null : to, text: body }),
  );
  server.registerTool(
    'read_messages',
    {
      description: 'Read the messages sent to you (by other agents or the user): the unread ones, or all with all=true.',
      inputSchema: { all: z.boolean().optional().describe('every message to you, not only the unread ones') },
    },
    ({ all }) => (agentId ? call('messages.read', { agentId, all: all ?? false }) : Promise.resolve(text('Only an agent Switchyard started has messages.', true))),
  );
  return server;
}

/** The roster's text (what the agent was told at its start, as it is now) instead of its JSON. */
function rosterText(result: ToolResult): ToolResult {
  try {
    const roster = JSON.parse(result.content[0]?.text ?? '') as { text?: unknown };
    return typeof roster.text === 'string' ? text(roster.text) : result;
  } catch {
    return result;
  }
}

export async function mcpMain(): Promise<void> {
  await createMcpServer(process.env).connect(new StdioServerTransport());
}
