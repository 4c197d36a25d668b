/**
 * Violations: writes to files another agent (or the user) holds. Gate events say so directly:
 * a refusal is a warning (nothing was written), a violation in observe/advise mode is critical
 * (the write went through). Changes the gate never saw (a write it could not intercept) are
 * found by matching each agent write against exclusive claims held by someone else.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { ClaimView } from '../../shared/locks';
import { claimPattern } from './claim-coverage';
import { messageAgent, releaseClaim, restoreVersion, transferClaim, versionBeforeWriter } from './conflict-actions';
import { mergeBoth, overwriteMerge } from './merge-candidates';
import { changeTime, distinct, iso, listWords, type ConflictContext } from './conflict-context';
import type { GateEvent } from './conflict-input';

interface Holding {
  path: string;
  holder: string | null;
  /** The holder's claim on the path, when it is among the live claims. */
  claim: ClaimView | null;
}

function holdingText(ctx: ConflictContext, holdings: readonly Holding[]): string {
  // A claim without an agent is the user's own (claims are never unattributed).
  return listWords(holdings.map((h) => `${h.path} is held by ${h.holder === null ? 'the user' : ctx.label(h.holder)}`));
}

function claimActions(ctx: ConflictContext, writer: string, holdings: readonly Holding[]): ConflictAction[] {
  const actions: ConflictAction[] = [];
  for (const { claim } of holdings) {
    // Claims of the user cannot be moved by an action: the contract names agents only.
    if (claim === null || claim.agentId === null) continue;
    actions.push(transferClaim(ctx, claim.agentId, writer, claimPattern(claim)), releaseClaim(ctx, claim.agentId, claimPattern(claim)));
  }
  return actions;
}

function restoreActions(ctx: ConflictContext, writer: string, paths: readonly string[]): ConflictAction[] {
  return paths.flatMap((path) => {
    const timeline = ctx.input.timeline(path);
    const before = versionBeforeWriter(timeline, writer);
    const merge = overwriteMerge(timeline, writer);
    return [...(before ? [restoreVersion(ctx, before)] : []), ...(merge ? [mergeBoth(ctx, path, merge, writer)] : [])];
  });
}

function violation(
  ctx: ConflictContext,
  id: string,
  writer: string,
  holdings: readonly Holding[],
  wentThrough: boolean,
  at: number,
  times: number,
): Conflict {
  const paths = distinct(holdings.map((h) => h.path));
  const held = holdingText(ctx, holdings);
  const actions: ConflictAction[] = [];
  if (ctx.isRunning(writer)) {
    const tell = wentThrough
      ? `you changed a file another agent holds: ${held}. Undo your change to ${listWords(paths)} and work on other files, or ask the user to transfer the claim.`
      : `${held}. Do not write ${listWords(paths)}; work on other files, or ask the user to transfer the claim.`;
    actions.push(messageAgent(ctx, writer, tell));
  }
  actions.push(...claimActions(ctx, writer, holdings));
  if (wentThrough) actions.push(...restoreActions(ctx, writer, paths));
  const repeated = times > 1 ? ` (${times} times)` : '';
  return {
    id,
    kind: 'violation',
    severity: wentThrough ? 'critical' : 'warning',
    paths,
    agents: distinct<string | null>([writer, ...holdings.map((h) => h.holder)]),
    summary: wentThrough
      ? `${ctx.label(writer)} wrote ${listWords(paths)} while ${held}${repeated}.`
      : `${ctx.label(writer)} was refused a write to ${listWords(paths)}, because ${held}${repeated}.`,
    recommendation: wentThrough
      ? `Restore the version before ${ctx.label(writer)}'s write, or transfer the claim to it if it should own the file.`
      : `Tell ${ctx.label(writer)} to work elsewhere, or transfer the claim to it if it should own the file.`,
    actions,
    at: iso(at),
  };
}

/** The holder of each path in an event; holders line up with paths when the gate gives one each. */
function eventHoldings(event: GateEvent, covering: (path: string) => ClaimView[]): Holding[] {
  return event.paths.flatMap((path, index) => {
    const holders = event.holders.length === event.paths.length ? [event.holders[index]!] : distinct(event.holders);
    return holders.map((holder) => ({
      path,
      holder,
      claim: covering(path).find((claim) => claim.agentId === holder && claim.agentId !== event.agentId) ?? null,
    }));
  });
}

export function gateConflicts(ctx: ConflictContext, covering: (path: string) => ClaimView[]): Conflict[] {
  // A model retries a refused write; the same write refused again is one conflict, counted.
  const groups = new Map<string, GateEvent[]>();
  for (const event of ctx.input.gateEvents) {
    const key = `violation:${event.kind}:${event.agentId}:${[...event.paths].sort().join('+')}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups].map(([id, events]) => {
    const latest = events.reduce((a, b) => (b.at >= a.at ? b : a));
    const holdings = eventHoldings(latest, covering);
    return violation(ctx, id, latest.agentId, holdings, latest.kind === 'violation', latest.at, events.length);
  });
}

/** Writes into another holder's exclusive claim that no gate event already reports. */
export function claimedWriteConflicts(ctx: ConflictContext, covering: (path: string) => ClaimView[]): Conflict[] {
  const reported = new Set<string>();
  for (const event of ctx.input.gateEvents) {
    if (event.kind === 'violation') for (const path of event.paths) reported.add(`${event.agentId}\0${path}`);
  }
  const conflicts = new Map<string, Conflict>();
  for (const [path, writes] of ctx.writes) {
    for (const { agentId, change } of writes) {
      if (reported.has(`${agentId}\0${path}`)) continue;
      // A claim granted after the write did not forbid it.
      const holdings = covering(path)
        .filter((claim) => claim.mode === 'exclusive' && claim.agentId !== agentId && Date.parse(claim.since) <= change.latest)
        .map((claim): Holding => ({ path, holder: claim.agentId, claim }));
      if (holdings.length === 0) continue;
      const id = `violation:write:${agentId}:${path}`;
      conflicts.set(id, violation(ctx, id, agentId, holdings, true, changeTime(change), 1));
    }
  }
  return [...conflicts.values()];
}
