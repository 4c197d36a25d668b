/**
 * Reads the lines of a Codex rollout log (JSONL) that matter for attribution. Shapes verified on
 * Codex 0.169, 0.170 and 0.171 (the same on all three); anything that does not match is skipped,
 * never thrown, because the log format is Codex's to change.
 *   event_msg item_completed FileChange        → file-change (apply_patch: paths, per-path kind)
 *   event_msg item_completed CommandExecution  → command-execution (argv, cwd, start, end)
 *   response_item function_call                → tool-call (a call starts: name, command text)
 *   response_item custom_tool_call             → tool-call (freeform apply_patch, or a code-mode
 *                                                `exec` cell whose nested calls have ids of their own)
 *   response_item function_call_output /
 *                 custom_tool_call_output      → tool-output (the call's result is back)
 *   event_msg token_count                      → token-count (the session's cumulative usage, for metrics)
 *   turn_context model                         → model (the model the turn runs, for metrics' cost)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { toRepoRelative } from '../journal/repo-path';

/** Per path: what apply_patch did. A move is a delete of the source and an add of the destination. */
export type FileChangeKind = 'add' | 'update' | 'delete' | 'unknown';

export type RolloutEvent =
  | {
      type: 'file-change';
      agentId: string;
      callId: string;
      /** Repo-relative; paths outside the repository are dropped. */
      paths: string[];
      changes: { path: string; kind: FileChangeKind }[];
      /** The kind shared by every path, or 'unknown' when they differ. */
      kind: FileChangeKind;
      status: string;
      startedAt: number;
      completedAt: number;
      at: number;
    }
  | {
      type: 'command-execution';
      agentId: string;
      callId: string;
      command: string[];
      /** The script a shell ran (`bash -lc <script>`), or the argv joined. */
      script: string;
      cwd: string | null;
      status: string;
      startedAt: number;
      completedAt: number;
    }
  | { type: 'tool-call'; agentId: string; callId: string; name: string; command: string | null; cwd: string | null; at: number }
  | { type: 'tool-output'; agentId: string; callId: string; at: number }
  /** Codex's running total for the session (it only grows), after each model response. */
  | { type: 'token-count'; agentId: string; at: number; total: RolloutTokenUsage }
  | { type: 'model'; agentId: string; at: number; model: string };

export interface RolloutTokenUsage {
  input: number;
  cachedInput: number;
  output: number;
  reasoningOutput: number;
  total: number;
}

const LineSchema = z.object({ timestamp: z.string().optional(), type: z.string(), payload: z.unknown() });
const ItemCompletedSchema = z.object({
  type: z.literal('item_completed'),
  item: z.object({ type: z.string(), id: z.string() }).catchall(z.unknown()),
  started_at_ms: z.number().optional(),
  completed_at_ms: z.number().optional(),
});
const FileChangeItemSchema = z.object({ changes: z.record(z.string(), z.unknown()), status: z.string().optional() });
const ChangeEntrySchema = z.object({ type: z.string().optional(), move_path: z.string().nullish(), movePath: z.string().nullish() });
const CommandItemSchema = z.object({
  command: z.union([z.array(z.string()), z.string()]),
  cwd: z.string().nullish(),
  status: z.string().optional(),
});
const FunctionCallSchema = z.object({ type: z.literal('function_call'), name: z.string(), call_id: z.string(), arguments: z.string().optional() });
const CustomCallSchema = z.object({ type: z.literal('custom_tool_call'), name: z.string(), call_id: z.string() });
const FunctionOutputSchema = z.object({ type: z.enum(['function_call_output', 'custom_tool_call_output']), call_id: z.string() });
const CallArgumentsSchema = z.object({
  cmd: z.union([z.string(), z.array(z.string())]).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  workdir: z.string().optional(),
});
const CwdPayloadSchema = z.object({ cwd: z.string() });
const ModelPayloadSchema = z.object({ model: z.string().min(1) });
const Count = z.number().int().nonnegative().catch(0);
const TokenCountSchema = z.object({
  type: z.literal('token_count'),
  info: z.object({
    total_token_usage: z.object({
      input_tokens: Count,
      cached_input_tokens: Count,
      output_tokens: Count,
      reasoning_output_tokens: Count,
      total_tokens: Count,
    }),
  }),
});

const SHELL_FLAGS = new Set(['-c', '-lc', '-cl']);

/** Turns lines into events for one agent; remembers the session's cwd for relative paths. */
export class RolloutLineParser {
  private cwd: string;

  constructor(
    private readonly agentId: string,
    private readonly repo: string,
  ) {
    this.cwd = repo;
  }

  parse(line: string): RolloutEvent[] {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return [];
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) return [];
    const { type, payload, timestamp } = parsed.data;
    const at = timestamp ? Date.parse(timestamp) : Number.NaN;
    if (type === 'session_meta' || type === 'turn_context') {
      const cwd = CwdPayloadSchema.safeParse(payload);
      if (cwd.success && path.isAbsolute(cwd.data.cwd)) this.cwd = cwd.data.cwd;
      const model = type === 'turn_context' ? ModelPayloadSchema.safeParse(payload) : null;
      return model?.success ? [{ type: 'model', agentId: this.agentId, at: Number.isFinite(at) ? at : Date.now(), model: model.data.model }] : [];
    }
    if (type === 'event_msg') return this.eventMessage(payload, at);
    if (type === 'response_item') return this.responseItem(payload, at);
    return [];
  }

  private eventMessage(payload: unknown, at: number): RolloutEvent[] {
    const tokens = TokenCountSchema.safeParse(payload);
    if (tokens.success) {
      const usage = tokens.data.info.total_token_usage;
      const total = {
        input: usage.input_tokens,
        cachedInput: usage.cached_input_tokens,
        output: usage.output_tokens,
        reasoningOutput: usage.reasoning_output_tokens,
        total: usage.total_tokens,
      };
      return [{ type: 'token-count', agentId: this.agentId, at: Number.isFinite(at) ? at : Date.now(), total }];
    }
    const completed = ItemCompletedSchema.safeParse(payload);
    if (!completed.success) return [];
    const { item } = completed.data;
    const end = completed.data.completed_at_ms ?? (Number.isFinite(at) ? at : Date.now());
    const start = completed.data.started_at_ms ?? end;
    if (item.type === 'FileChange') {
      const fileChange = FileChangeItemSchema.safeParse(item);
      if (!fileChange.success) return [];
      const changes = this.fileChanges(fileChange.data.changes);
      const kinds = new Set(changes.map((c) => c.kind));
      return [
        {
          type: 'file-change',
          agentId: this.agentId,
          callId: item.id,
          paths: [...new Set(changes.map((c) => c.path))],
          changes,
          kind: kinds.size === 1 ? [...kinds][0]! : 'unknown',
          status: fileChange.data.status ?? 'unknown',
          startedAt: start,
          completedAt: end,
          at: Number.isFinite(at) ? at : end,
        },
      ];
    }
    if (item.type === 'CommandExecution') {
      const command = CommandItemSchema.safeParse(item);
      if (!command.success) return [];
      const argv = typeof command.data.command === 'string' ? [command.data.command] : command.data.command;
      return [
        {
          type: 'command-execution',
          agentId: this.agentId,
          callId: item.id,
          command: argv,
          script: scriptOf(argv),
          cwd: directoryOf(command.data.cwd) ?? this.cwd,
          status: command.data.status ?? 'unknown',
          startedAt: start,
          completedAt: end,
        },
      ];
    }
    return [];
  }

  private responseItem(payload: unknown, at: number): RolloutEvent[] {
    const when = Number.isFinite(at) ? at : Date.now();
    const call = FunctionCallSchema.safeParse(payload);
    if (call.success) {
      let command: string | null = null;
      let cwd: string | null = this.cwd;
      try {
        const args = CallArgumentsSchema.safeParse(JSON.parse(call.data.arguments ?? '{}'));
        if (args.success) {
          const raw = args.data.cmd ?? args.data.command;
          command = raw === undefined ? null : typeof raw === 'string' ? raw : scriptOf(raw);
          if (args.data.workdir) cwd = path.resolve(this.cwd, args.data.workdir);
        }
      } catch {
        // Arguments that are not JSON: the call still marks the agent as busy.
      }
      return [{ type: 'tool-call', agentId: this.agentId, callId: call.data.call_id, name: call.data.name, command, cwd, at: when }];
    }
    // Freeform input (a patch, or JavaScript) is no shell command: the call only marks the agent
    // busy. What it changed arrives as FileChange / CommandExecution items of its own.
    const custom = CustomCallSchema.safeParse(payload);
    if (custom.success) {
      return [{ type: 'tool-call', agentId: this.agentId, callId: custom.data.call_id, name: custom.data.name, command: null, cwd: this.cwd, at: when }];
    }
    const output = FunctionOutputSchema.safeParse(payload);
    if (output.success) return [{ type: 'tool-output', agentId: this.agentId, callId: output.data.call_id, at: when }];
    return [];
  }

  private fileChanges(raw: Record<string, unknown>): { path: string; kind: FileChangeKind }[] {
    const changes: { path: string; kind: FileChangeKind }[] = [];
    const add = (target: string, kind: FileChangeKind): void => {
      const relative = toRepoRelative(this.repo, target, this.cwd);
      if (relative !== null) changes.push({ path: relative, kind });
    };
    for (const [target, value] of Object.entries(raw)) {
      const entry = ChangeEntrySchema.safeParse(value);
      const type = entry.success ? entry.data.type : undefined;
      const kind: FileChangeKind = type === 'add' || type === 'update' || type === 'delete' ? type : 'unknown';
      const moveTo = entry.success ? (entry.data.move_path ?? entry.data.movePath ?? null) : null;
      if (moveTo) {
        add(target, 'delete');
        add(moveTo, 'add');
      } else add(target, kind);
    }
    return changes;
  }
}

/** `["/bin/bash", "-lc", "echo hi > a.txt"]` → `echo hi > a.txt`. */
export function scriptOf(argv: readonly string[]): string {
  const flag = argv.findIndex((arg) => SHELL_FLAGS.has(arg));
  if (flag >= 1 && flag === argv.length - 2) return argv[flag + 1]!;
  return argv.join(' ');
}

/** Codex reports cwd as `file:///abs`; plain absolute paths are accepted too. */
function directoryOf(cwd: string | null | undefined): string | null {
  if (!cwd) return null;
  if (cwd.startsWith('file://')) {
    try {
      return fileURLToPath(cwd);
    } catch {
      return null;
    }
  }
  return path.isAbsolute(cwd) ? cwd : null;
}
