/**
 * The contract between the UI (and CLI) and the core: every command's input and output schema
 * and every event's payload schema. The IPC bridge, the WebSocket host and the CLI all parse
 * with these, so a malformed payload is rejected at the boundary with a typed error.
 */
import { z } from 'zod';
import { HookDecisionSchema, HookInputSchema } from './control';
import { changeCommands, changeEvents } from './changes';
import { checkCommands, checkEvents } from './checks';
import { CodexInfoSchema } from './codex';
import { connectionCommands, connectionEvents } from './connections';
import { commitCommands, commitEvents } from './commit';
import { lockCommands, LocksDeltaSchema } from './locks';
import { isolationCommands } from './isolation';
import { mergeCommands } from './merge';
import { messageCommands, messageEvents } from './messages';
import { metricsCommands } from './metrics';
import { AgentIdSchema, AgentSchema, RepoSettingsSchema, TerminalSizeSchema } from './domain';
import { ExternalStopReportSchema, MonitorSnapshotSchema } from './monitor';
import { suggestionCommands } from './suggestions';
import { templateCommands } from './templates';

const Empty = z.object({}).strict();
const Ack = z.object({ ok: z.literal(true) });
/** Numbers the `agents.changed` announcements of one core process from 1. */
const AgentsRevisionSchema = z.number().int().nonnegative();
/** Numbers an agent's terminal output chunks, from 1, in the order the pty produced them. */
const TerminalSeqSchema = z.number().int().nonnegative();

export const LaunchInputSchema = z
  .object({
    name: z.string().trim().min(1, 'give the agent a name').max(80),
    task: z.string().trim().min(1, 'give the agent a task').max(20_000),
    claims: z.array(z.string().min(1)).max(500).default([]),
    codexArgs: z.array(z.string()).max(100).default([]),
    /** CODEX_HOME for this agent; the user's own (~/.codex) when absent. */
    codexHome: z.string().min(1).optional(),
    cols: TerminalSizeSchema.shape.cols.default(120),
    rows: TerminalSizeSchema.shape.rows.default(32),
    /** Agents (ids or names) that must finish their task first. */
    after: z.array(z.string().min(1)).max(50).default([]),
    priority: z.number().int().min(-1000).max(1000).default(0),
    /** Stop the agent after this many minutes. */
    timeoutMinutes: z.number().positive().max(7 * 24 * 60).optional(),
    /** Run in its own git worktree and branch instead of the shared tree. */
    isolated: z.boolean().default(false),
  })
  .strict();
export type LaunchInput = z.input<typeof LaunchInputSchema>;

export const commands = {
  'repo.get': {
    input: Empty,
    output: z.object({ repo: z.string().nullable() }),
  },
  'repo.open': {
    input: z.object({ path: z.string().min(1, 'enter a folder path') }).strict(),
    output: z.object({ repo: z.string() }),
  },
  'agents.list': {
    input: Empty,
    output: z.object({
      agents: z.array(AgentSchema),
      /** The last `agents.changed` revision this list includes. */
      revision: AgentsRevisionSchema,
    }),
  },
  'agents.launch': {
    input: LaunchInputSchema,
    output: z.object({
      id: AgentIdSchema,
      /** The name it runs under: the one asked for, or with a " (2)" suffix when another agent has it. */
      name: z.string(),
      /** Why the name differs from the one asked for, in words to show the user; null when it does not. */
      nameNotice: z.string().nullable(),
    }),
  },
  'agents.stop': {
    input: z.object({ id: AgentIdSchema, force: z.boolean().default(false) }).strict(),
    output: z.object({ id: AgentIdSchema, status: AgentSchema.shape.status }),
  },
  /** Stops every running and queued agent, then reports what (if anything) survived. */
  'agents.stopAll': {
    input: z.object({ force: z.boolean().default(false) }).strict(),
    output: z.object({
      agents: z.array(z.object({ id: AgentIdSchema, status: AgentSchema.shape.status, survivors: z.array(z.number().int()) })),
    }),
  },
  /**
   * Continues an ended agent's Codex session. It queues like a launch: it starts at once only while
   * fewer than max concurrent agents work on their task (`status` "queued" otherwise, `detail` says why).
   */
  'agents.resume': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: z.object({ agent: AgentSchema }),
  },
  /** Changes a queued agent's dependencies or priority. */
  'agents.update': {
    input: z
      .object({ id: AgentIdSchema, after: z.array(z.string().min(1)).max(50).optional(), priority: z.number().int().min(-1000).max(1000).optional() })
      .strict(),
    output: z.object({ agent: AgentSchema }),
  },
  /** Forgets an ended agent: gone from the list and the registry; its activity log and change journal stay. */
  'agents.remove': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: z.object({ id: AgentIdSchema }),
  },
  /** Gives an agent another name; refused when another agent of the repository has it. */
  'agents.rename': {
    input: z.object({ id: AgentIdSchema, name: LaunchInputSchema.shape.name }).strict(),
    output: z.object({ agent: AgentSchema }),
  },
  'settings.get': {
    input: Empty,
    output: RepoSettingsSchema,
  },
  'settings.set': {
    input: RepoSettingsSchema.partial().strict(),
    output: RepoSettingsSchema,
  },
  /** Which Codex new agents start (path, version, and why that one), or what is wrong. */
  'codex.info': {
    input: Empty,
    output: CodexInfoSchema,
  },
  ...lockCommands,
  ...changeCommands,
  ...mergeCommands,
  ...commitCommands,
  ...isolationCommands,
  ...messageCommands,
  ...connectionCommands,
  ...metricsCommands,
  ...checkCommands,
  ...templateCommands,
  ...suggestionCommands,
  /** What `switchyard hook` sends for each Codex hook of a managed agent. */
  'hook.event': {
    input: HookInputSchema,
    output: HookDecisionSchema,
  },
  'terminal.input': {
    input: z.object({ id: AgentIdSchema, data: z.string().max(1_000_000) }).strict(),
    output: Ack,
  },
  'terminal.resize': {
    input: z.object({ id: AgentIdSchema }).merge(TerminalSizeSchema).strict(),
    output: Ack,
  },
  /**
   * The agent's terminal as it is now (screen and recent scrollback, serialized by the core's
   * headless mirror) so a new view can catch up. It also makes the calling view one the agent's
   * flow control counts: from here on it must ack what it is sent (`terminal.ack`).
   */
  'terminal.history': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: z.object({
      data: z.string(),
      /** The last `terminal.data` chunk the snapshot includes: drop live chunks with seq <= this. */
      seq: TerminalSeqSchema,
      /** The size the snapshot was taken at: write it at this size, then fit. */
      cols: TerminalSizeSchema.shape.cols,
      rows: TerminalSizeSchema.shape.rows,
    }),
  },
  /**
   * `chars` characters of the agent's `terminal.data` were written to the view's xterm (its
   * write callback ran). Views ack in batches; the agent's pty pauses while a view that showed it
   * is far behind.
   */
  'terminal.ack': {
    input: z.object({ id: AgentIdSchema, chars: z.number().int().positive().max(100_000_000) }).strict(),
    output: Ack,
  },
  /** The open repository's managed agents, the Codex processes running in it, and duplicates. */
  'monitor.snapshot': {
    input: Empty,
    output: MonitorSnapshotSchema,
  },
  /**
   * Stops a Codex process that works on the open repository outside Switchyard: SIGTERM, then
   * SIGKILL after a grace period (`force`: SIGKILL at once). Refused for any pid the scan does not
   * identify as such a process (not Codex, another folder, a managed agent), and for a pid that
   * changed hands since it was identified.
   */
  'monitor.stopExternal': {
    input: z.object({ pid: z.number().int().positive(), force: z.boolean().default(false) }).strict(),
    output: ExternalStopReportSchema,
  },
} as const;

export type CommandName = keyof typeof commands;
export type CommandInput<K extends CommandName> = z.input<(typeof commands)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<(typeof commands)[K]['output']>;

export const events = {
  /** What changed in the lock table (a delta; `locks.list` gives the whole table). */
  'locks.changed': LocksDeltaSchema,
  ...changeEvents,
  ...commitEvents,
  ...messageEvents,
  ...connectionEvents,
  ...checkEvents,
  'repo.changed': z.object({ repo: z.string() }),
  /**
   * Agents that were added or changed since the previous announcement (`replace`: these are all
   * the agents, as after opening a repository). Applied in revision order on top of an
   * `agents.list` answer; a client that misses one (a gap in `revision`) lists again.
   */
  'agents.changed': z.object({ revision: AgentsRevisionSchema, agents: z.array(AgentSchema), replace: z.boolean() }),
  /**
   * A chunk of the agent's terminal output; `seq` numbers the chunks of one agent from 1, in
   * order. Over the WebSocket it goes only to a client that shows the agent (asked for its
   * `terminal.history`), from then on: that client acks it (`terminal.ack`).
   */
  'terminal.data': z.object({ id: AgentIdSchema, seq: TerminalSeqSchema, data: z.string() }),
  /** Something the user should hear about: an agent waits, finished, failed or is stuck. */
  notification: z.object({
    kind: z.enum(['waiting', 'finished', 'failed', 'stuck', 'problem']),
    agentId: AgentIdSchema.nullable(),
    title: z.string(),
    body: z.string(),
  }),
} as const;

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
