/** Applies one edit of the contract's union (`commit.edit`) with the functions of plan-edits.ts. */
import type { PlanEdit } from '../../shared/commit';
import type { Result } from '../../shared/result';
import type { CommitPlan } from './commit-plan';
import type { MessageAgent } from './commit-message';
import { setIsolatedIncluded, setIsolatedMessage, setIsolatedMode } from './isolated-groups';
import { excludeFile, includeFile, moveFile, moveGroup, moveHunk, reorderGroups, setConventional, setGroupMessage, setSingleMessage, setStrategy } from './plan-edits';

export function applyPlanEdit(plan: CommitPlan, edit: PlanEdit): Result<CommitPlan> {
  switch (edit.type) {
    case 'move-file':
      return moveFile(plan, edit.path, edit.toGroupId);
    case 'move-hunk':
      return moveHunk(plan, edit.path, edit.hunk, edit.toGroupId);
    case 'exclude-file':
      return excludeFile(plan, edit.path);
    case 'include-file':
      return includeFile(plan, edit.path, edit.groupId);
    case 'reorder':
      return reorderGroups(plan, edit.order);
    case 'move-group':
      return moveGroup(plan, edit.groupId, edit.index);
    case 'set-message':
      return setGroupMessage(plan, edit.groupId, edit.message);
    case 'set-single-message':
      return setSingleMessage(plan, edit.message);
    case 'set-strategy':
      return setStrategy(plan, edit.strategy);
    case 'set-conventional':
      return setConventional(plan, edit.conventional);
    case 'set-isolated-mode':
      return setIsolatedMode(plan, edit.groupId, edit.mode, isolatedAgent(plan, edit.groupId));
    case 'set-isolated-included':
      return setIsolatedIncluded(plan, edit.groupId, edit.included);
    case 'set-isolated-message':
      return setIsolatedMessage(plan, edit.groupId, edit.message, isolatedAgent(plan, edit.groupId));
  }
}

function isolatedAgent(plan: CommitPlan, groupId: string): MessageAgent {
  const agentId = plan.isolated?.find((g) => g.id === groupId)?.agentId ?? groupId;
  return plan.agents.find((a) => a.id === agentId) ?? { id: agentId, name: agentId, task: '' };
}
