/**
 * What the monitor shows: the repository's managed agents, the Codex processes found on the
 * machine that run in it, and the agents that look like duplicates of each other.
 */
import { z } from 'zod';
import { AgentIdSchema, AgentSchema } from './domain';

/**
 * What a Codex process is doing: an interactive `session` (the TUI), a one-shot `exec`, a
 * background `daemon` (app-server, mcp-server), or `other` (login, resume picker, …).
 */
export const CodexProcessKindSchema = z.enum(['session', 'exec', 'daemon', 'other']);
export type CodexProcessKind = z.infer<typeof CodexProcessKindSchema>;

export const DiscoveredProcessSchema = z.object({
  pid: z.number().int(),
  ppid: z.number().int(),
  kind: CodexProcessKindSchema,
  /** The command line as `ps` shows it. */
  command: z.string(),
  /** The process's working directory; null where the OS does not reveal it. */
  cwd: z.string().nullable(),
  /** Where Codex works: `--cd DIR` when given, else the working directory. */
  workdir: z.string().nullable(),
  /** The git work tree that holds `workdir`, or null. */
  repo: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** The prompt from its command line, when it was given one. */
  task: z.string().nullable(),
  /** SWITCHYARD_AGENT_ID in its environment: some Switchyard started it (Linux only). */
  agentId: AgentIdSchema.nullable(),
  /** It is one of the managed agents of this snapshot (by environment or pid). */
  managed: z.boolean(),
  /** The `codex` Node launcher in front of the native binary, folded into this entry. */
  launcherPid: z.number().int().nullable(),
});
export type DiscoveredProcess = z.infer<typeof DiscoveredProcessSchema>;

/** How a duplicate finding names an agent: a managed agent's id, or `pid:N` for a discovered one. */
export const AgentRefSchema = z.string().min(1);
export type AgentRef = z.infer<typeof AgentRefSchema>;
export { discoveredRef } from './monitor-ref';

/** `high`: the two certainly repeat or overwrite each other; `medium`: they probably do. */
export const DuplicateSeveritySchema = z.enum(['medium', 'high']);
export type DuplicateSeverity = z.infer<typeof DuplicateSeveritySchema>;

export const DuplicateFindingSchema = z.object({
  kind: z.enum(['same-task', 'overlapping-claims']),
  /** The pair, the one to keep first. */
  agents: z.tuple([AgentRefSchema, AgentRefSchema]),
  severity: DuplicateSeveritySchema,
  /** One sentence saying what the two have in common. */
  reason: z.string(),
  /** What to do about it, naming the agent to stop or re-scope. */
  recommendation: z.string(),
  /** Task similarity from 0 to 1 (same-task findings). */
  similarity: z.number().min(0).max(1).nullable(),
  /** The claims of both that meet (overlapping-claims findings). */
  claims: z.array(z.string()),
});
export type DuplicateFinding = z.infer<typeof DuplicateFindingSchema>;

export const MonitorSnapshotSchema = z.object({
  repo: z.string(),
  scannedAt: z.string(),
  managed: z.array(AgentSchema),
  /** Codex processes whose work folder is in this repository, managed or not. */
  discovered: z.array(DiscoveredProcessSchema),
  duplicates: z.array(DuplicateFindingSchema),
  /** Codex processes elsewhere on this machine, counted so the user knows they exist. */
  otherFolders: z.number().int().nonnegative(),
  /** Codex processes whose folder the OS does not reveal (another user's, or no lsof on macOS). */
  unknownFolder: z.number().int().nonnegative(),
  /** Why the process list could not be read, when it could not; the rest still stands. */
  scanError: z.string().nullable(),
});
export type MonitorSnapshot = z.infer<typeof MonitorSnapshotSchema>;

/** How stopping an external Codex ended: after SIGTERM, after SIGKILL, already gone, or not at all. */
export const ExternalStopOutcomeSchema = z.enum(['terminated', 'killed', 'already-gone', 'survived']);

/** What `monitor.stopExternal` (and `switchyard stop --pid`) did to a Codex process outside Switchyard. */
export const ExternalStopReportSchema = z.object({
  pid: z.number().int(),
  /** The npm launcher in front of it, signalled with it. */
  launcherPid: z.number().int().nullable(),
  task: z.string().nullable(),
  outcome: ExternalStopOutcomeSchema,
  /** The signals sent, in order. */
  signals: z.array(z.enum(['SIGTERM', 'SIGKILL'])),
  /** One sentence saying what happened. */
  message: z.string(),
});
export type ExternalStopReport = z.infer<typeof ExternalStopReportSchema>;
