/** The shape of `.agents/orchestrator.json`, versioned so later releases can migrate it. */
import { z } from 'zod';
import { AgentSchema, RepoSettingsSchema } from '../../shared/domain';

export { RepoSettingsSchema, type RepoSettings } from '../../shared/domain';

/**
 * Registries written before "idle" was split read as the status it meant: `finished` after a
 * completed turn, otherwise `ready` (not started on its task yet).
 */
function withoutIdleStatus(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || (raw as { status?: unknown }).status !== 'idle') return raw;
  const turns = (raw as { completedTurns?: unknown }).completedTurns;
  return { ...raw, status: typeof turns === 'number' && turns > 0 ? 'finished' : 'ready' };
}

export const RegistrySchema = z.object({
  version: z.literal(1),
  repo: z.string(),
  updatedAt: z.string(),
  settings: RepoSettingsSchema.default(RepoSettingsSchema.parse({})),
  agents: z.array(z.preprocess(withoutIdleStatus, AgentSchema)),
  /** The lock table's own state (claims, fencing token), owned by the locks module. */
  locks: z.unknown().optional(),
});
export type Registry = z.infer<typeof RegistrySchema>;

export const emptyRegistry = (repo: string): Registry => ({
  version: 1,
  repo,
  updatedAt: new Date().toISOString(),
  settings: RepoSettingsSchema.parse({}),
  agents: [],
});
