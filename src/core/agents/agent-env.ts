/** The environment a managed Codex agent runs with. */

/** Variables of the Electron host that must not leak into an agent (they change how Node runs). */
const HOST_ONLY = /^(ELECTRON_|VITE_|NODE_OPTIONS$|npm_)/;

export interface AgentEnvInput {
  base: NodeJS.ProcessEnv;
  agentId: string;
  codexHome?: string | undefined;
  codexEnv: Record<string, string>;
}

export function buildAgentEnv(input: AgentEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.base)) {
    if (value !== undefined && !HOST_ONLY.test(key)) env[key] = value;
  }
  Object.assign(env, input.codexEnv);
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.SWITCHYARD_AGENT_ID = input.agentId;
  if (input.codexHome) env.CODEX_HOME = input.codexHome;
  return env;
}
