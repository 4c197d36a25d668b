/** The bundle Codex starts as the `switchyard` MCP server of a managed agent (`out/main/mcp.js`). */
import { mcpMain } from './mcp-server';

void mcpMain();
