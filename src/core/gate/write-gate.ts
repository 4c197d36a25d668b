/**
 * The decision behind `switchyard hook codex-pre-tool-use`: which paths would this call write,
 * does another agent (or the user) hold any of them, and what does the repository's mode say?
 *   enforce (default): refuse the call, with one sentence the model can act on;
 *   advise: let it run, but tell the model whose files it is touching;
 *   observe: let it run, and only record the violation.
 * An allowed write claims the file for the agent ("claim on write") unless that is switched off.
 */
import type { GateMode } from '../../shared/locks';
import type { RepoLocks } from '../locks/repo-locks';
import type { ClaimTarget, CheckResult } from '../locks/lock-types';
import { describeTarget } from '../locks/claim-target';
import { extractWritePaths, type UnknownWrite, type WritePath } from './extract-write-paths';
import { isolationVerdict, type IsolationInput } from './isolation-rules';

export interface GateWrite {
  path: string;
  via: string;
  /** allowed | refused (someone else holds it) | outside (not in this repository; not ours to judge) */
  verdict: 'allowed' | 'refused' | 'outside';
  reason?: string;
  holderAgentId?: string | null;
  /** Refused by the isolation rules (isolation-rules.ts): refused in every gate mode. */
  isolation?: boolean;
}

export interface GateDecision {
  decision: 'allow' | 'deny';
  reason?: string;
  additionalContext?: string;
  writes: GateWrite[];
  unknown: UnknownWrite[];
  /** Refused writes that were let through (observe / advise): violations for the conflict map. */
  violations: GateWrite[];
}

export interface GateRequest {
  agentId: string;
  command: string | null;
  /** The hook's cwd; relative paths in the command are relative to it. */
  cwd: string | null;
  mode: GateMode;
  claimOnWrite: boolean;
  /** The writer's own worktree when it is isolated (see isolation-rules.ts); null or absent for a shared agent. */
  workspace?: IsolationInput['workspace'];
}

/** The extractor says what kind of path it is; a quoted literal `a[1].txt` stays a file. */
function targetOf(locks: RepoLocks, write: WritePath, cwd: string | null): ClaimTarget {
  const kind = write.glob ? 'glob' : write.recursive ? 'directory' : 'file';
  return locks.paths.toClaimTarget({ kind, pattern: write.path.replace(/\/+$/, '') || '.' }, cwd === null ? {} : { cwd });
}

function checkTarget(locks: RepoLocks, agentId: string, target: ClaimTarget): CheckResult {
  return target.kind === 'file' ? locks.table.check(agentId, target.pattern) : locks.table.checkTarget(agentId, target);
}

export function decideWrite(locks: RepoLocks, request: GateRequest): GateDecision {
  const none: GateDecision = { decision: 'allow', writes: [], unknown: [], violations: [] };
  if (!request.command) return none;
  const extraction = extractWritePaths(request.command);
  const writes: GateWrite[] = [];
  const allowedTargets: ClaimTarget[] = [];
  for (const write of extraction.paths) {
    let target: ClaimTarget;
    try {
      target = targetOf(locks, write, request.cwd);
    } catch (error) {
      writes.push({ path: write.path, via: write.via, verdict: 'outside', reason: (error as Error).message });
      continue;
    }
    const isolation = isolationVerdict({ repoPath: target.pattern, workspace: request.workspace ?? null });
    if (isolation.kind === 'own-worktree') {
      // Everything in its own worktree is the isolated agent's: no claim is checked or taken.
      writes.push({ path: describeTarget(target), via: write.via, verdict: 'allowed' });
      continue;
    }
    if (isolation.kind === 'refused') {
      writes.push({ path: describeTarget(target), via: write.via, verdict: 'refused', reason: isolation.reason, holderAgentId: null, isolation: true });
      continue;
    }
    const check = checkTarget(locks, request.agentId, target);
    if (check.allowed) {
      writes.push({ path: describeTarget(target), via: write.via, verdict: 'allowed' });
      allowedTargets.push(target);
    } else {
      writes.push({
        path: describeTarget(target),
        via: write.via,
        verdict: 'refused',
        reason: check.reason,
        holderAgentId: check.holder.kind === 'agent' ? check.holder.agentId : null,
      });
    }
  }
  const refused = writes.filter((w) => w.verdict === 'refused');
  const result: GateDecision = { decision: 'allow', writes, unknown: extraction.unknown, violations: [] };

  const isolationRefused = refused.find((w) => w.isolation);
  if (isolationRefused) {
    return { ...result, decision: 'deny', reason: `Switchyard refused this write: ${isolationRefused.reason} Nothing was changed.` };
  }
  if (refused.length > 0 && request.mode === 'enforce') {
    const first = refused[0]!;
    const more = refused.length > 1 ? ` (${refused.length - 1} more path(s) in this call are locked too)` : '';
    return {
      ...result,
      decision: 'deny',
      reason: `Switchyard refused this write: ${first.reason}${more} Nothing was changed. You can call the switchyard MCP tool claim_paths with wait_seconds to queue for it.`,
    };
  }
  if (refused.length > 0) {
    result.violations = refused;
    if (request.mode === 'advise') {
      result.additionalContext = `Switchyard: this call writes files other agents hold. ${refused.map((w) => w.reason).join(' ')}`;
    }
    return result;
  }
  if (request.claimOnWrite) {
    for (const target of allowedTargets.filter((t) => t.kind === 'file')) {
      // Best effort: a shared claim held by another agent can make this refuse; the write still may proceed.
      locks.table.claim({ holder: { kind: 'agent', agentId: request.agentId }, target, mode: 'exclusive' });
    }
  }
  return result;
}
