/**
 * A scripted OpenAI Responses-API server on 127.0.0.1 that the real Codex CLI talks to in tests.
 * Each agent's behaviour is chosen by a `[scenario:NAME]` marker in its prompt, so one server can
 * play many agents at once. A scenario is a list of steps; step N answers the request that already
 * carries N tool results for that conversation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a response reports it used (`response.completed`'s usage); cached input is part of input. */
export interface StepUsage {
  input: number;
  cachedInput?: number;
  output: number;
  reasoningOutput?: number;
}

/** A response without a `usage` of its own reports one input and one output token. */
export const DEFAULT_STEP_USAGE: StepUsage = { input: 1, output: 1 };

type StepBase = { usage?: StepUsage };

export type ScenarioStep = StepBase & (
  | {
      kind: 'exec';
      cmd: string;
      delayMs?: number;
      /**
       * Codex runs the command in a login shell unless told otherwise; false skips the user's
       * shell profile (which on some machines waits on locks, e.g. `pyenv rehash`).
       */
      login?: boolean;
      /** How long Codex waits for the command before handing the model its output so far (Codex's default is 10 s). */
      yieldMs?: number;
    }
  | {
      /**
       * A code-mode cell: the model calls Codex's `exec` tool with JavaScript that calls nested
       * tools (`await tools.exec_command({cmd})`, `await tools.apply_patch(patch)`). Codex offers
       * code mode only to models whose metadata asks for it (e.g. `-m gpt-6-sol`, see CODE_MODE_ARGS).
       */
      kind: 'code';
      js: string;
      delayMs?: number;
    }
  | {
      /**
       * A call of a tool Codex offers by name, e.g. an MCP tool. Codex 0.171 offers a server's MCP
       * tools as a `namespace` tool (`mcp__<server>`) holding plain function tools; the model
       * calls one with a function_call naming the tool and its namespace (see mcpToolStep).
       */
      kind: 'tool';
      name: string;
      namespace?: string;
      arguments: Record<string, unknown>;
      delayMs?: number;
    }
  | { kind: 'message'; text: string; delayMs?: number });

export interface ModelServer {
  readonly baseUrl: string;
  readonly port: number;
  /** Registers (or replaces) the steps played for prompts containing `[scenario:name]`. */
  script(name: string, steps: ScenarioStep[]): void;
  /** How many /v1/responses requests each scenario has received. */
  requestCount(name: string): number;
  /** Everything the scenario's conversation carried in its last request: tool outputs and other text. */
  lastInput(name: string): string;
  /** The tools Codex offered the model in the scenario's last request, as the request body spelled them. */
  lastTools(name: string): unknown[];
  /** The usage the scenario's responses reported, summed. */
  usageReported(name: string): Required<StepUsage>;
  close(): Promise<void>;
}

/**
 * Codex arguments for an agent that plays `code` steps: a model whose bundled metadata turns on
 * code mode (the `exec` tool) in every Codex from 0.169 to 0.171.
 */
export const CODE_MODE_ARGS = ['-m', 'gpt-6-sol'];

/** A code-mode step that runs one shell command through the nested `exec_command` tool. */
export function codeExecStep(cmd: string): ScenarioStep {
  return { kind: 'code', js: `const r = await tools.exec_command({ cmd: ${JSON.stringify(cmd)} });\ntext(JSON.stringify(r));` };
}

/** A call of one tool of the `switchyard` MCP server, as Codex 0.171 offers it (the `mcp__switchyard` namespace). */
export function mcpToolStep(name: string, args: Record<string, unknown>): ScenarioStep {
  return { kind: 'tool', namespace: 'mcp__switchyard', name, arguments: args };
}

/** A step that writes `content` to `path` through Codex's intercepted apply_patch heredoc. */
export function addFileStep(path: string, content: string, delayMs?: number): ScenarioStep {
  const body = content
    .split('\n')
    .map((line) => `+${line}`)
    .join('\n');
  return {
    kind: 'exec',
    cmd: `apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: ${path}\n${body}\n*** End Patch\nEOF\n`,
    delayMs,
  };
}

/** A step that replaces one line of an existing file through Codex's intercepted apply_patch heredoc. */
export function updateFileStep(file: string, oldLine: string, newLines: string[]): ScenarioStep {
  const body = [`-${oldLine}`, ...newLines.map((line) => `+${line}`)].join('\n');
  return { kind: 'exec', cmd: `apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: ${file}\n@@\n${body}\n*** End Patch\nEOF\n` };
}

interface InputItem {
  type?: string;
  role?: string;
  content?: unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text) : '',
    )
    .join('\n');
}

function sse(res: http.ServerResponse, event: Record<string, unknown>): void {
  res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** How many sleeps (of 0.5 s) a tool step waits for its tool to be offered before calling it anyway. */
const MAX_TOOL_WAITS = 60;

/** Does the request offer the step's tool (by name, inside its namespace when it has one)? */
function offers(tools: unknown[], step: Extract<ScenarioStep, { kind: 'tool' }>): boolean {
  const named = (list: unknown[], name: string): Record<string, unknown> | undefined =>
    list.find((t): t is Record<string, unknown> => !!t && typeof t === 'object' && (t as { name?: unknown }).name === name);
  if (!step.namespace) return named(tools, step.name) !== undefined;
  const namespace = named(tools, step.namespace);
  return Array.isArray(namespace?.tools) && named(namespace.tools, step.name) !== undefined;
}

const SCENARIO_MARKER = /\[scenario:([\w.-]+)\]/;

export async function startModelServer(): Promise<ModelServer> {
  const scenarios = new Map<string, ScenarioStep[]>();
  const counts = new Map<string, number>();
  const lastInputs = new Map<string, string>();
  const lastTools = new Map<string, unknown[]>();
  /** Per scenario, the sleeps played while a scripted tool was not offered yet (they shift the step index). */
  const waits = new Map<string, number>();
  const reported = new Map<string, Required<StepUsage>>();
  let responseSeq = 0;

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/responses')) {
      // Codex probes /models and similar; an empty list keeps it on its fallback metadata.
      res.writeHead(req.url?.endsWith('/models') ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], models: [] }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let input: InputItem[];
      let tools: unknown[];
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input?: InputItem[]; tools?: unknown[] };
        input = Array.isArray(body.input) ? body.input : [];
        tools = Array.isArray(body.tools) ? body.tools : [];
      } catch {
        res.writeHead(400).end('bad json');
        return;
      }
      const userText = input
        .filter((i) => i.role === 'user')
        .map((i) => textOf(i.content))
        .join('\n');
      const name = SCENARIO_MARKER.exec(userText)?.[1] ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      lastInputs.set(name, JSON.stringify(input));
      lastTools.set(name, tools);
      const toolResults = input.filter((i) => i.type === 'function_call_output' || i.type === 'custom_tool_call_output').length;
      const steps = scenarios.get(name) ?? [];
      const waited = waits.get(name) ?? 0;
      const scripted: ScenarioStep = steps[toolResults - waited] ?? { kind: 'message', text: 'done' };
      // Codex may send a turn's first request before its MCP servers finished starting (their tools
      // are then missing): a call of a tool not offered yet waits with a short sleep instead.
      const notOffered = scripted.kind === 'tool' && !offers(tools, scripted) && waited < MAX_TOOL_WAITS;
      if (notOffered) waits.set(name, waited + 1);
      const step: ScenarioStep = notOffered ? { kind: 'exec', cmd: 'sleep 0.5', login: false } : scripted;
      const id = `resp_${++responseSeq}`;

      const answer = (): void => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        sse(res, { type: 'response.created', response: { id } });
        const item =
          step.kind === 'exec'
            ? {
                type: 'function_call',
                call_id: `call_${id}`,
                name: 'exec_command',
                arguments: JSON.stringify({
                  cmd: step.cmd,
                  ...(step.login === undefined ? {} : { login: step.login }),
                  ...(step.yieldMs === undefined ? {} : { yield_time_ms: step.yieldMs }),
                }),
              }
            : step.kind === 'code'
              ? { type: 'custom_tool_call', call_id: `call_${id}`, name: 'exec', input: step.js }
              : step.kind === 'tool'
                ? {
                    type: 'function_call',
                    call_id: `call_${id}`,
                    name: step.name,
                    ...(step.namespace ? { namespace: step.namespace } : {}),
                    arguments: JSON.stringify(step.arguments),
                  }
              : {
                type: 'message',
                role: 'assistant',
                id: `msg_${id}`,
                content: [{ type: 'output_text', text: step.text }],
              };
        sse(res, { type: 'response.output_item.done', item });
        const usage = { cachedInput: 0, reasoningOutput: 0, ...(step.usage ?? DEFAULT_STEP_USAGE) };
        const sum = reported.get(name) ?? { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0 };
        reported.set(name, {
          input: sum.input + usage.input,
          cachedInput: sum.cachedInput + usage.cachedInput,
          output: sum.output + usage.output,
          reasoningOutput: sum.reasoningOutput + usage.reasoningOutput,
        });
        sse(res, {
          type: 'response.completed',
          response: {
            id,
            usage: {
              input_tokens: usage.input,
              input_tokens_details: { cached_tokens: usage.cachedInput },
              output_tokens: usage.output,
              output_tokens_details: { reasoning_tokens: usage.reasoningOutput },
              total_tokens: usage.input + usage.output,
            },
          },
        });
        res.end();
      };
      if (step.delayMs) setTimeout(answer, step.delayMs);
      else answer();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    script: (name, steps) => void scenarios.set(name, steps),
    requestCount: (name) => counts.get(name) ?? 0,
    lastInput: (name) => lastInputs.get(name) ?? '',
    lastTools: (name) => lastTools.get(name) ?? [],
    usageReported: (name) => reported.get(name) ?? { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0 },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Codex arguments an agent needs for floodTerminalStep: commands then run outside Codex's
 * sandbox, whose separate process namespace would hide the agent's own terminal from them.
 */
export const FLOOD_CODEX_ARGS = ['--dangerously-bypass-approvals-and-sandbox'];

/**
 * A step whose command prints `bytes` random bytes as base64 (4/3 as many characters, plus line
 * ends) into the agent's own terminal as fast as the terminal takes them, then creates
 * `doneFile` in the repository. Codex shows only a summary of a command's output, so the command
 * finds the agent's Codex process and writes to its terminal directly: to Switchyard this is
 * the agent printing a flood. Needs FLOOD_CODEX_ARGS; skips the login shell, whose profile may
 * wait on locks outside the sandbox.
 */
export function floodTerminalStep(bytes: number, doneFile: string): ScenarioStep {
  const findCodex = 'p=$$; while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != codex ]; do p=$(awk \'{print $4}\' /proc/$p/stat); done';
  return {
    kind: 'exec',
    cmd: `${findCodex}; head -c ${bytes} /dev/urandom | base64 > /proc/$p/fd/1; touch ${doneFile}`,
    login: false,
  };
}
