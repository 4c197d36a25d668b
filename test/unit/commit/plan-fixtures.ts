/** Changes, agents and attribution for planner tests. */
import type { AttributionEntry, PlanAgent, PlanChange } from '../../../src/core/commit/commit-plan';

export const change = (path: string, over: Partial<PlanChange> = {}): PlanChange => ({
  path,
  oldPath: null,
  kind: 'modified',
  binary: false,
  modeChanged: false,
  added: 1,
  removed: 1,
  ...over,
});

export const agent = (id: string, startedAt: string, over: Partial<PlanAgent> = {}): PlanAgent => ({
  id,
  name: id.charAt(0).toUpperCase() + id.slice(1),
  task: `Task of ${id}`,
  after: [],
  startedAt,
  ...over,
});

export const by = (agentId: string | null, path: string, attribution: AttributionEntry['attribution'] = 'exact'): AttributionEntry => ({ path, agentId, attribution });

export const BASE = { commit: 'c'.repeat(40), ref: 'refs/heads/main' };
