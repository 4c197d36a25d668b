/** The shape of `.agents/orchestrator.json`, versioned so later releases can migrate it. */
import { z } from 'zod';
import { AgentSchema, RepoSettingsSchema } from '../../shared/domain';

export { RepoSettingsSchema, type RepoSettings } from '../../shared/domain';

export const RegistrySchema = z.object({
  version: z.literal(1),
  repo: z.string(),
  updatedAt: z.string(),
  settings: RepoSettingsSchema.default(RepoSettingsSchema.parse({})),
  agents: z.array(AgentSchema),
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
