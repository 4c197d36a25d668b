/** Domain types shared by every process. Schemas first; the TypeScript types are derived from them. */
import { z } from 'zod';

export const AgentStatusSchema = z.enum([
  'starting',
  'working',
  'waiting-for-input',
  'idle',
  'exited',
  'failed',
  'stopped',
]);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** Statuses after which the agent's process is gone. */
export const ENDED_STATUSES: readonly AgentStatus[] = ['exited', 'failed', 'stopped'];

export const AgentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an agent id is lower-case letters, digits and dashes');

export const AgentSchema = z.object({
  id: AgentIdSchema,
  name: z.string(),
  task: z.string(),
  status: AgentStatusSchema,
  pid: z.number().int().nullable(),
  repo: z.string(),
  claims: z.array(z.string()),
  cols: z.number().int(),
  rows: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** Why the agent failed or was stopped, in words a person can act on. */
  detail: z.string().nullable(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const TerminalSizeSchema = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});
