/**
 * The sentences the lock table gives back. Each names the path, who holds it and what to do
 * instead, because an agent's model reads them and has to act on them without asking.
 */
import { describeTarget } from './claim-target';
import type { OverlapVerdict } from './glob-overlap';
import { describeHolder, type Claim, type ClaimMode, type ClaimTarget } from './lock-types';

/** "an exclusive claim on src/** (token 7)" */
const heldAs = (claim: Claim): string =>
  `${claim.mode === 'exclusive' ? 'an exclusive' : 'a shared'} claim on ${describeTarget(claim.target)} (token ${claim.token})`;

const whatToDo = (claim: Claim): string =>
  claim.holder.kind === 'user'
    ? 'leave it alone and work on other files, or ask the user to release it'
    : `leave it alone and work on other files, or ask the user to release it, or wait for agent "${claim.holder.agentId}" to finish`;

export function writeRefused(path: string, claim: Claim): string {
  return `${path} is locked by ${describeHolder(claim.holder)}, which holds ${heldAs(claim)}: ${whatToDo(claim)}.`;
}

export function targetWriteRefused(target: ClaimTarget, claim: Claim, verdict: OverlapVerdict): string {
  const how = verdict.certain ? 'touches' : 'may touch';
  const why = verdict.certain ? '' : ` (${verdict.reason})`;
  return `${describeTarget(target)} ${how} files locked by ${describeHolder(claim.holder)}, which holds ${heldAs(claim)}${why}: ${whatToDo(claim)}.`;
}

export function claimContested(target: ClaimTarget, mode: ClaimMode, conflicts: ReadonlyArray<{ claim: Claim; verdict: OverlapVerdict }>): string {
  const first = conflicts[0];
  if (!first) return `${describeTarget(target)} (${mode}) is not contested.`;
  const unsure = first.verdict.certain ? '' : ` (${first.verdict.reason})`;
  const more = conflicts.length > 1 ? ` and ${conflicts.length - 1} more claim(s)` : '';
  return `Cannot claim ${describeTarget(target)} (${mode}) yet: ${describeHolder(first.claim.holder)} holds ${heldAs(first.claim)}${unsure}${more}.`;
}

export function waitTimedOut(target: ClaimTarget, mode: ClaimMode, waitedMs: number, blocking: Claim | undefined): string {
  const still = blocking ? `; ${describeHolder(blocking.holder)} still holds ${heldAs(blocking)}` : '';
  return `Gave up on claiming ${describeTarget(target)} (${mode}) after waiting ${waitedMs} ms${still}: work on other files or try again later.`;
}

export function waitCancelled(target: ClaimTarget, why: string): string {
  return `The wait for ${describeTarget(target)} was cancelled: ${why}.`;
}

export function agentEnding(agentId: string, target: ClaimTarget): string {
  return `Agent "${agentId}" is ending and its claims are being released, so it cannot claim ${describeTarget(target)}.`;
}
