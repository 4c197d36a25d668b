/**
 * Properties of the lock table under random sequences of claims, releases, agent endings, waits,
 * time passing and restarts: no two conflicting grants ever coexist (checked against concrete
 * paths, not the table's own overlap logic), tokens strictly increase, no grantable waiter is
 * left waiting, and each release grants waiters in priority-then-arrival order.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileTarget } from '../../../src/core/locks/claim-target';
import { LockTable } from '../../../src/core/locks/lock-table';
import type { Claim, ClaimMode, ClaimTarget, LockHolder, Waiter } from '../../../src/core/locks/lock-types';
import { targetsOverlap } from '../../../src/core/locks/target-overlap';
import { compareWaiters } from '../../../src/core/locks/wait-order';
import { ManualClock } from '../../harness/manual-clock';

const TARGETS: ClaimTarget[] = [
  { kind: 'file', pattern: 'a/x.ts' },
  { kind: 'file', pattern: 'a/y.md' },
  { kind: 'file', pattern: 'b/x.ts' },
  { kind: 'file', pattern: 'x.ts' },
  { kind: 'directory', pattern: 'a' },
  { kind: 'directory', pattern: 'b' },
  { kind: 'directory', pattern: '.' },
  { kind: 'glob', pattern: 'a/*' },
  { kind: 'glob', pattern: '**/*.ts' },
  { kind: 'glob', pattern: 'a/**' },
  { kind: 'glob', pattern: '*/x.ts' },
  { kind: 'glob', pattern: 'b/*.md' },
  { kind: 'glob', pattern: '{a,b}/y.md' },
  { kind: 'glob', pattern: '**/y.*' },
];

/** Every path up to three segments deep over the segments the targets use. */
const UNIVERSE: string[] = (() => {
  const segments = ['a', 'b', 'x.ts', 'y.md', 'y.ts'];
  const paths: string[] = [];
  let level = [''];
  for (let depth = 0; depth < 3; depth++) {
    level = level.flatMap((prefix) => segments.map((s) => (prefix ? `${prefix}/${s}` : s)));
    paths.push(...level);
  }
  return paths;
})();

function concreteMatcher(target: ClaimTarget): (path: string) => boolean {
  if (target.kind === 'file') return (p) => p === target.pattern;
  if (target.kind === 'directory') return (p) => target.pattern === '.' || p === target.pattern || p.startsWith(`${target.pattern}/`);
  return picomatch(target.pattern, { dot: true });
}
const MATCHERS = new Map(TARGETS.map((t) => [t, concreteMatcher(t)]));
const COMMON_PATH = new Map<string, string | undefined>();
for (const a of TARGETS) {
  for (const b of TARGETS) {
    COMMON_PATH.set(`${a.kind}:${a.pattern}|${b.kind}:${b.pattern}`, UNIVERSE.find((p) => MATCHERS.get(a)!(p) && MATCHERS.get(b)!(p)));
  }
}
const commonPath = (a: ClaimTarget, b: ClaimTarget) => COMMON_PATH.get(`${a.kind}:${a.pattern}|${b.kind}:${b.pattern}`);

const HOLDERS: LockHolder[] = [
  { kind: 'agent', agentId: 'a1' },
  { kind: 'agent', agentId: 'a2' },
  { kind: 'agent', agentId: 'a3' },
  { kind: 'user' },
];
const key = (h: LockHolder) => (h.kind === 'user' ? 'user' : h.agentId);

type Op =
  | { op: 'claim'; holder: number; target: number; mode: ClaimMode; priority: number; wait: 'no' | 'forever' | number }
  | { op: 'release'; pick: number }
  | { op: 'forceRelease'; pick: number }
  | { op: 'releaseTarget'; holder: number; target: number }
  | { op: 'releaseAgent'; agent: number; delayMs: number }
  | { op: 'cancelWait'; pick: number }
  | { op: 'advance'; ms: number }
  | { op: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('claim' as const),
      holder: fc.nat(HOLDERS.length - 1),
      target: fc.nat(TARGETS.length - 1),
      mode: fc.constantFrom<ClaimMode>('exclusive', 'shared'),
      priority: fc.nat(2),
      wait: fc.oneof(
        { weight: 1, arbitrary: fc.constant('no' as const) },
        { weight: 2, arbitrary: fc.constant('forever' as const) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 10_000 }) },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forceRelease' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('releaseTarget' as const), holder: fc.nat(HOLDERS.length - 1), target: fc.nat(TARGETS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('releaseAgent' as const), agent: fc.nat(2), delayMs: fc.constantFrom(0, 700, 1_500) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancelWait' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

const OVERLAPS = new Map<string, boolean>();
/** The table's own overlap verdict (memoised: compiling a glob is the slow part). */
function overlaps(a: ClaimTarget, b: ClaimTarget): boolean {
  const id = `${a.kind}:${a.pattern}|${b.kind}:${b.pattern}`;
  let verdict = OVERLAPS.get(id);
  if (verdict === undefined) {
    verdict = targetsOverlap(compileTarget(a, false), compileTarget(b, false)).overlap;
    OVERLAPS.set(id, verdict);
  }
  return verdict;
}
const conflict = (a: { holder: LockHolder; target: ClaimTarget; mode: ClaimMode }, b: { holder: LockHolder; target: ClaimTarget; mode: ClaimMode }) =>
  key(a.holder) !== key(b.holder) && (a.mode === 'exclusive' || b.mode === 'exclusive') && overlaps(a.target, b.target);

/** A plain check: `expect` is too slow to call tens of thousands of times per run. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** How often the runs exercised the interesting paths, so a vacuous pass shows up. */
const seen = { queuedGrants: 0, refusals: 0, restarts: 0 };

/** Runs the ops, checking the properties after each one. */
function run(ops: Op[]): void {
  const clock = new ManualClock();
  let table = new LockTable({ clock });
  let lastToken = 0;
  let grantsThisOp: Array<{ claim: Claim; waiterId: string | null }> = [];
  const subscribe = () => table.on('granted', (event) => grantsThisOp.push(event));
  subscribe();

  for (const op of ops) {
    grantsThisOp = [];
    const waitersBefore: Waiter[] = table.waiters();
    const claimsBefore = table.claims();
    switch (op.op) {
      case 'claim': {
        const wait = op.wait === 'no' ? undefined : op.wait === 'forever' ? {} : { timeoutMs: op.wait };
        const outcome = table.claim({ holder: HOLDERS[op.holder]!, target: TARGETS[op.target]!, mode: op.mode, priority: op.priority, wait });
        if (outcome.status === 'refused') seen.refusals++;
        break;
      }
      case 'release': {
        const claim = claimsBefore[op.pick % Math.max(1, claimsBefore.length)];
        if (claim) table.release(claim.holder, claim.id);
        break;
      }
      case 'forceRelease': {
        const claim = claimsBefore[op.pick % Math.max(1, claimsBefore.length)];
        if (claim) table.forceRelease(claim.id);
        break;
      }
      case 'releaseTarget':
        table.releaseTarget(HOLDERS[op.holder]!, TARGETS[op.target]!);
        break;
      case 'releaseAgent':
        table.releaseAgent(key(HOLDERS[op.agent]!), { delayMs: op.delayMs });
        break;
      case 'cancelWait': {
        const waiter = waitersBefore[op.pick % Math.max(1, waitersBefore.length)];
        if (waiter) table.cancelWait(waiter.id);
        break;
      }
      case 'advance':
        clock.advance(op.ms);
        break;
      case 'restart': {
        const saved = JSON.parse(JSON.stringify(table.toJSON())) as unknown;
        table.dispose();
        table = LockTable.fromJSON(saved, { clock });
        subscribe();
        check(JSON.stringify(table.toJSON()) === JSON.stringify(saved), 'the restored table differs from the saved one');
        seen.restarts++;
        break;
      }
    }

    const claims = table.claims();
    // Safety, against concrete paths: no two coexisting claims conflict.
    for (const a of claims) {
      for (const b of claims) {
        if (a.id >= b.id || key(a.holder) === key(b.holder)) continue;
        if (a.mode === 'shared' && b.mode === 'shared') continue;
        const shared = commonPath(a.target, b.target);
        check(shared === undefined, `${a.target.pattern} (${key(a.holder)}) and ${b.target.pattern} (${key(b.holder)}) both cover ${shared}`);
      }
    }
    // Tokens strictly increase, grant after grant.
    for (const { claim } of grantsThisOp) {
      check(claim.token > lastToken, `token ${claim.token} after ${lastToken}`);
      lastToken = claim.token;
    }
    // No waiter that could be granted is left waiting.
    for (const waiter of table.waiters()) {
      check(claims.some((c) => conflict(waiter, c)), `waiter ${waiter.id} on ${waiter.target.pattern} is grantable`);
    }
    // Waiters granted by one operation come out in priority-then-arrival order.
    seen.queuedGrants += grantsThisOp.filter((g) => g.waiterId !== null).length;
    const fromQueue = grantsThisOp.filter((g) => g.waiterId !== null).map((g) => waitersBefore.find((w) => w.id === g.waiterId)!);
    if (op.op !== 'advance') {
      check(fromQueue.every((w, i) => i === 0 || compareWaiters(fromQueue[i - 1]!, w) < 0), `grants out of order: ${fromQueue.map((w) => w.id)}`);
    }
    // A single release pass: a waiter that was ahead and is still waiting must conflict with
    // a claim other than the ones granted to waiters behind it.
    if (op.op === 'release' || op.op === 'forceRelease') {
      for (const waiter of table.waiters()) {
        const behind = new Set(grantsThisOp.filter((g) => {
          const w = waitersBefore.find((x) => x.id === g.waiterId);
          return w !== undefined && compareWaiters(waiter, w) < 0;
        }).map((g) => g.claim.id));
        check(claims.some((c) => !behind.has(c.id) && conflict(waiter, c)), `waiter ${waiter.id} was passed over`);
      }
    }
  }
  table.dispose();
}

describe('LockTable properties', () => {
  it('keeps conflicting grants apart, tokens increasing and waiters in order, whatever happens', { timeout: 60_000 }, () => {
    fc.assert(fc.property(fc.array(opArb, { minLength: 20, maxLength: 80 }), (ops) => run(ops)), { numRuns: 300 });
    expect(seen.queuedGrants).toBeGreaterThan(100);
    expect(seen.refusals).toBeGreaterThan(100);
    expect(seen.restarts).toBeGreaterThan(100);
  });

  it('the concrete-path check above can fail: two overlapping targets share a path in the universe', () => {
    // Guards the property's own oracle: if the universe were too small it would prove nothing.
    for (const a of TARGETS) for (const b of TARGETS) if (overlaps(a, b)) expect(commonPath(a, b), `${a.pattern} / ${b.pattern}`).toBeDefined();
  });
});
