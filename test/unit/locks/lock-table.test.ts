/** The lock table's rules, one behaviour per test. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_DELAY_MS, LockTable, TOKEN_RESERVATION_BLOCK } from '../../../src/core/locks/lock-table';
import type { ClaimOutcome, ClaimRequest, LockHolder } from '../../../src/core/locks/lock-types';
import { SwitchyardError } from '../../../src/shared/result';
import { ManualClock } from '../../harness/manual-clock';

const agent = (agentId: string): LockHolder => ({ kind: 'agent', agentId });
const user: LockHolder = { kind: 'user' };
const file = (pattern: string) => ({ kind: 'file' as const, pattern });
const dir = (pattern: string) => ({ kind: 'directory' as const, pattern });
const glob = (pattern: string) => ({ kind: 'glob' as const, pattern });

function setup(options: { caseInsensitive?: boolean } = {}) {
  const clock = new ManualClock();
  const table = new LockTable({ clock, ...options });
  return { clock, table };
}

function granted(outcome: ClaimOutcome) {
  if (outcome.status !== 'granted') throw new Error(`expected a grant, got ${outcome.status}: ${'reason' in outcome ? outcome.reason : ''}`);
  return outcome.claim;
}

function waiting(outcome: ClaimOutcome) {
  if (outcome.status !== 'waiting') throw new Error(`expected to wait, got ${outcome.status}`);
  return outcome;
}

const claimOf = (table: LockTable, request: ClaimRequest) => granted(table.claim(request));

/** Lets promise callbacks run. */
const settle = async <T>(promise: Promise<T>): Promise<T> => promise;

describe('LockTable: claims and conflicts', () => {
  it('grants an exclusive claim and refuses an overlapping one from another agent, naming the holder', () => {
    const { table } = setup();
    const a = claimOf(table, { holder: agent('a'), target: file('src/a.ts') });
    const outcome = table.claim({ holder: agent('b'), target: glob('src/**') });
    expect(outcome.status).toBe('refused');
    if (outcome.status !== 'refused') return;
    expect(outcome.conflicts.map((c) => c.id)).toEqual([a.id]);
    expect(outcome.reason).toContain('agent "a"');
    expect(outcome.reason).toContain('src/a.ts');
    expect(table.claims()).toHaveLength(1);
  });

  it('lets claims that cannot cover a common path coexist', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: glob('src/**/*.ts') });
    claimOf(table, { holder: agent('b'), target: glob('src/**/*.md') });
    claimOf(table, { holder: agent('c'), target: dir('lib') });
    claimOf(table, { holder: agent('d'), target: file('README.md') });
    expect(table.claims()).toHaveLength(4);
  });

  it('lets shared claims share, and keeps exclusive claims out of shared ones (and back)', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('package.json'), mode: 'shared' });
    claimOf(table, { holder: agent('b'), target: file('package.json'), mode: 'shared' });
    expect(table.claim({ holder: agent('c'), target: file('package.json') }).status).toBe('refused');
    claimOf(table, { holder: agent('c'), target: file('tsconfig.json') });
    expect(table.claim({ holder: agent('a'), target: file('tsconfig.json'), mode: 'shared' }).status).toBe('refused');
  });

  it('never lets a holder conflict with itself, and returns the same claim when asked twice', () => {
    const { table } = setup();
    const first = claimOf(table, { holder: agent('a'), target: dir('src') });
    claimOf(table, { holder: agent('a'), target: file('src/a.ts') });
    const again = table.claim({ holder: agent('a'), target: dir('src') });
    expect(again).toMatchObject({ status: 'granted', alreadyHeld: true, claim: { id: first.id, token: first.token } });
    expect(table.claimsOf(agent('a'))).toHaveLength(2);
  });

  it('covers everything under a directory claim, and the whole repository with "."', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: dir('src/core') });
    expect(table.claim({ holder: agent('b'), target: file('src/core/deep/x.ts') }).status).toBe('refused');
    expect(table.claim({ holder: agent('b'), target: file('src/corex.ts') }).status).toBe('granted');
    expect(table.claim({ holder: agent('c'), target: dir('.') }).status).toBe('refused');
  });

  it('says "may overlap" when two globs cannot be told apart for sure', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: glob('src/(a|b)/*.ts') });
    const outcome = table.claim({ holder: agent('b'), target: glob('src/c/*.ts') });
    expect(outcome.status).toBe('refused');
    if (outcome.status === 'refused') expect(outcome.reason).toMatch(/may overlap: src\/c\/\*\.ts and src\/\(a\|b\)\/\*\.ts/);
  });

  it('gives each grant a token greater than every earlier one', () => {
    const { table } = setup();
    const tokens = ['a', 'b', 'c'].map((p) => claimOf(table, { holder: agent(p), target: file(`${p}.ts`) }).token);
    expect(tokens).toEqual([...tokens].sort((x, y) => x - y));
    expect(new Set(tokens).size).toBe(3);
  });

  it('hands out claims that cannot be changed, and is not affected by changes to the request', () => {
    const { table } = setup();
    const target = file('a.ts');
    const claim = claimOf(table, { holder: agent('a'), target });
    target.pattern = 'b.ts';
    expect(() => {
      (claim as { token: number }).token = 0;
    }).toThrow(TypeError);
    expect(() => {
      (claim.target as { pattern: string }).pattern = 'c.ts';
    }).toThrow(TypeError);
    expect(table.check('b', 'a.ts').allowed).toBe(false);
    expect(table.check('b', 'b.ts').allowed).toBe(true);
  });

  it('refuses malformed targets, holders and options with invalid-input', () => {
    const { table } = setup();
    const bad: ClaimRequest[] = [
      { holder: agent('a'), target: file('../etc/passwd') },
      { holder: agent('a'), target: file('/etc/passwd') },
      { holder: agent('a'), target: file('src//a.ts') },
      { holder: agent('a'), target: file('./src/a.ts') },
      { holder: agent('a'), target: glob('src/**/../x') },
      { holder: agent('a'), target: file('') },
      { holder: agent(''), target: file('a.ts') },
      { holder: agent('a'), target: file('a.ts'), priority: 1.5 },
      { holder: agent('a'), target: file('a.ts'), wait: { timeoutMs: -1 } },
      { holder: agent('a'), target: glob(`${'*'.repeat(2000)}`) },
    ];
    for (const request of bad) {
      expect(() => table.claim(request), JSON.stringify(request)).toThrow(SwitchyardError);
    }
    expect(table.claims()).toHaveLength(0);
  });
});

describe('LockTable: check', () => {
  it('allows a write nobody else holds exclusively, and refuses one with a sentence the model can act on', () => {
    const { table } = setup();
    const claim = claimOf(table, { holder: agent('a'), target: glob('src/**/*.ts') });
    expect(table.check('a', 'src/x/y.ts')).toEqual({ allowed: true });
    expect(table.check('b', 'src/x/y.md')).toEqual({ allowed: true });
    const refused = table.check('b', 'src/x/y.ts');
    expect(refused).toMatchObject({ allowed: false, holder: agent('a'), claim: { id: claim.id } });
    if (refused.allowed) return;
    expect(refused.reason).toBe(
      `src/x/y.ts is locked by agent "a", which holds an exclusive claim on src/**/*.ts (token ${claim.token}): leave it alone and work on other files, or ask the user to release it, or wait for agent "a" to finish.`,
    );
  });

  it('does not refuse writes under a shared claim', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('CHANGELOG.md'), mode: 'shared' });
    expect(table.check('b', 'CHANGELOG.md').allowed).toBe(true);
  });

  it('refuses agents where the user holds a claim, and says to ask the user', () => {
    const { table } = setup();
    claimOf(table, { holder: user, target: dir('secrets') });
    const refused = table.check('a', 'secrets/key.pem');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.reason).toContain('locked by the user');
  });

  it('checks a directory or glob write against claims under it (rm -r, rm *.ts)', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('src/deep/a.ts') });
    expect(table.checkTarget('b', dir('src')).allowed).toBe(false);
    expect(table.checkTarget('b', glob('src/**/*.ts')).allowed).toBe(false);
    expect(table.checkTarget('b', glob('src/**/*.md')).allowed).toBe(true);
    expect(table.checkTarget('a', dir('src')).allowed).toBe(true);
  });

  it('rejects paths that are not normalised repo-relative paths', () => {
    const { table } = setup();
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', '', 'a//b', './a', 'a\0b']) {
      expect(() => table.check('a', bad), bad).toThrow(/absolute|\.\.|empty|normalised|NUL/);
    }
  });

  it('lists who holds a path, any mode', () => {
    const { table } = setup();
    const a = claimOf(table, { holder: agent('a'), target: dir('docs'), mode: 'shared' });
    const b = claimOf(table, { holder: agent('b'), target: glob('**/*.md'), mode: 'shared' });
    expect(table.whoHolds('docs/a.md').map((c) => c.id)).toEqual([a.id, b.id]);
    expect(table.whoHolds('src/a.ts')).toEqual([]);
  });

  it('folds case on a case-insensitive file system', () => {
    const { table } = setup({ caseInsensitive: true });
    claimOf(table, { holder: agent('a'), target: file('Src/App.ts') });
    expect(table.check('b', 'src/app.ts').allowed).toBe(false);
    expect(table.claim({ holder: agent('b'), target: glob('SRC/*.TS') }).status).toBe('refused');
    const sensitive = setup().table;
    claimOf(sensitive, { holder: agent('a'), target: file('Src/App.ts') });
    expect(sensitive.check('b', 'src/app.ts').allowed).toBe(true);
  });
});

describe('LockTable: release', () => {
  it('releases the holder’s own claim and refuses to release someone else’s', () => {
    const { table } = setup();
    const claim = claimOf(table, { holder: agent('a'), target: file('a.ts') });
    expect(() => table.release(agent('b'), claim.id)).toThrow(/belongs to agent "a".*force-release/);
    expect(table.release(agent('a'), claim.id).id).toBe(claim.id);
    expect(() => table.release(agent('a'), claim.id)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(table.check('b', 'a.ts').allowed).toBe(true);
  });

  it('lets the user force-release any claim at once', () => {
    const { table } = setup();
    const claim = claimOf(table, { holder: agent('a'), target: dir('src') });
    const released: string[] = [];
    table.on('released', ({ claim: c, cause }) => released.push(`${c.id}:${cause}`));
    table.forceRelease(claim.id);
    expect(released).toEqual([`${claim.id}:force-released`]);
    expect(table.claims()).toEqual([]);
  });

  it('releases by target for `unlock GLOB`', () => {
    const { table } = setup();
    claimOf(table, { holder: user, target: glob('src/*.ts') });
    claimOf(table, { holder: user, target: glob('src/*.ts'), mode: 'shared' });
    claimOf(table, { holder: user, target: glob('lib/*.ts') });
    expect(table.releaseTarget(user, glob('src/*.ts'))).toHaveLength(2);
    expect(table.claims().map((c) => c.target.pattern)).toEqual(['lib/*.ts']);
  });
});

describe('LockTable: leases', () => {
  it('keeps an ended agent’s claims for the lock-delay, then releases them', () => {
    const { table, clock } = setup();
    expect(DEFAULT_LOCK_DELAY_MS).toBe(1_500);
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    table.releaseAgent('a');
    clock.advance(DEFAULT_LOCK_DELAY_MS - 1);
    expect(table.check('b', 'a.ts').allowed).toBe(false);
    expect(table.check('a', 'a.ts').allowed).toBe(true);
    expect(table.claim({ holder: agent('a'), target: file('b.ts') })).toMatchObject({ status: 'refused', reason: expect.stringContaining('is ending') });
    clock.advance(1);
    expect(table.check('b', 'a.ts').allowed).toBe(true);
    expect(table.agentLeases()).toEqual([]);
  });

  it('releases at once with delayMs 0 and honours a custom delay', () => {
    const { table, clock } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    claimOf(table, { holder: agent('b'), target: file('b.ts') });
    table.releaseAgent('a', { delayMs: 0 });
    expect(table.claimsOf(agent('a'))).toEqual([]);
    table.releaseAgent('b', { delayMs: 10 });
    clock.advance(9);
    expect(table.claimsOf(agent('b'))).toHaveLength(1);
    clock.advance(1);
    expect(table.claimsOf(agent('b'))).toEqual([]);
  });

  it('keeps user claims no matter which agents end', () => {
    const { table, clock } = setup();
    claimOf(table, { holder: user, target: dir('infra') });
    table.releaseAgent('a', { delayMs: 0 });
    table.releaseDeadAgents(() => false);
    clock.advance(60_000);
    expect(table.claimsOf(user)).toHaveLength(1);
  });

  it('releases agents whose recorded process is gone or was replaced (a reused pid)', () => {
    const { table, clock } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    claimOf(table, { holder: agent('b'), target: file('b.ts') });
    claimOf(table, { holder: agent('c'), target: file('c.ts') });
    table.attachProcess('a', { pid: 100, startTime: 5 });
    table.attachProcess('b', { pid: 200, startTime: 7 });
    // Process 200 now exists again, but started at another time: someone else got the pid.
    const running = new Map([[100, 5], [200, 99]]);
    const dead = table.releaseDeadAgents((p) => running.get(p.pid) === p.startTime);
    expect(dead).toEqual(['b']);
    clock.advance(DEFAULT_LOCK_DELAY_MS);
    expect(table.claims().map((c) => c.holder)).toEqual([agent('a'), agent('c')]);
  });

  it('cancels an ended agent’s waits at once', async () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    const wait = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: {} }));
    table.releaseAgent('b');
    expect(await settle(wait.settled)).toMatchObject({ status: 'cancelled', reason: expect.stringContaining('agent "b" ended') });
    expect(table.waiters()).toEqual([]);
  });
});

describe('LockTable: waiting', () => {
  it('queues a contested claim and grants it when the holder releases', async () => {
    const { table } = setup();
    const held = claimOf(table, { holder: agent('a'), target: file('a.ts') });
    const wait = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: {} }));
    expect(wait.reason).toContain('agent "a"');
    table.release(agent('a'), held.id);
    const result = await settle(wait.settled);
    expect(result.status).toBe('granted');
    if (result.status === 'granted') expect(result.claim.token).toBeGreaterThan(held.token);
    expect(table.check('a', 'a.ts').allowed).toBe(false);
  });

  it('grants higher priority first, then earlier arrival, and leaves conflicting later waiters waiting', async () => {
    const { table, clock } = setup();
    const held = claimOf(table, { holder: user, target: dir('src') });
    const low = waiting(table.claim({ holder: agent('low'), target: file('src/a.ts'), priority: 0, wait: {} }));
    clock.advance(1);
    const highLate = waiting(table.claim({ holder: agent('high2'), target: glob('src/*.ts'), priority: 5, wait: {} }));
    const highEarly = table.claim({ holder: agent('high1'), target: file('src/a.ts'), priority: 5, wait: {} });
    expect(table.waiters().map((w) => w.holder)).toEqual([agent('high2'), agent('high1'), agent('low')]);
    const order: string[] = [];
    table.on('granted', ({ claim }) => order.push(claim.holder.kind === 'agent' ? claim.holder.agentId : 'user'));
    table.forceRelease(held.id);
    expect(order).toEqual(['high2']);
    expect((await settle(highLate.settled)).status).toBe('granted');
    expect(table.waiters().map((w) => w.holder)).toEqual([agent('high1'), agent('low')]);
    expect(highEarly.status).toBe('waiting');
    table.releaseAgent('high2', { delayMs: 0 });
    expect(order).toEqual(['high2', 'high1']);
    expect(table.waiters().map((w) => w.id)).toEqual([low.waiter.id]);
    table.releaseAgent('high1', { delayMs: 0 });
    expect((await settle(low.settled)).status).toBe('granted');
    expect(order).toEqual(['high2', 'high1', 'low']);
  });

  it('returns the same waiter when the same claim is asked for again while waiting', () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    const first = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: {} }));
    const second = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: {} }));
    expect(second.waiter.id).toBe(first.waiter.id);
    expect(table.waiters()).toHaveLength(1);
  });

  it('times a waiter out with a reason that names who still holds the path', async () => {
    const { table, clock } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    const wait = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: { timeoutMs: 5_000 } }));
    clock.advance(4_999);
    expect(table.waiters()).toHaveLength(1);
    clock.advance(1);
    const result = await settle(wait.settled);
    expect(result).toEqual({
      status: 'timed-out',
      reason: 'Gave up on claiming a.ts (exclusive) after waiting 5000 ms; agent "a" still holds an exclusive claim on a.ts (token 1): work on other files or try again later.',
    });
    expect(table.waiters()).toEqual([]);
  });

  it('cancels a wait on request', async () => {
    const { table } = setup();
    claimOf(table, { holder: agent('a'), target: file('a.ts') });
    const wait = waiting(table.claim({ holder: agent('b'), target: file('a.ts'), wait: { timeoutMs: 1_000 } }));
    expect(table.cancelWait(wait.waiter.id)).toBe(true);
    expect(table.cancelWait(wait.waiter.id)).toBe(false);
    expect((await settle(wait.settled)).status).toBe('cancelled');
  });
});

describe('LockTable: persistence', () => {
  it('round-trips claims, waiters and leases through JSON, and re-arms their timers', async () => {
    const { table, clock } = setup();
    const held = claimOf(table, { holder: agent('a'), target: glob('src/**') });
    claimOf(table, { holder: user, target: dir('infra') });
    waiting(table.claim({ holder: agent('b'), target: file('src/a.ts'), priority: 2, wait: { timeoutMs: 10_000 } }));
    table.attachProcess('a', { pid: 42, startTime: 1234 });
    table.releaseAgent('a', { delayMs: 3_000 });
    const saved = JSON.parse(JSON.stringify(table.toJSON())) as unknown;
    table.dispose();
    expect(clock.pending).toBe(0);

    const restored = LockTable.fromJSON(saved, { clock });
    expect(restored.toJSON()).toEqual(saved);
    expect(restored.agentLeases()).toEqual([{ agentId: 'a', process: { pid: 42, startTime: 1234 }, releaseAt: clock.now() + 3_000 }]);
    const waiterId = restored.waiters()[0]!.id;
    const settled = restored.whenSettled(waiterId)!;
    clock.advance(3_000);
    const result = await settle(settled);
    expect(result.status).toBe('granted');
    if (result.status === 'granted') expect(result.claim.token).toBeGreaterThan(held.token);
    expect(restored.claimsOf(user)).toHaveLength(1);
  });

  it('never lets the fencing token go backwards after a restore, even from a stale nextToken', () => {
    const { table, clock } = setup();
    for (let i = 0; i < 5; i++) claimOf(table, { holder: agent(`a${i}`), target: file(`f${i}.ts`) });
    const saved = { ...table.toJSON(), nextToken: 1 };
    const restored = LockTable.fromJSON(saved, { clock });
    const next = claimOf(restored, { holder: agent('z'), target: file('z.ts') });
    expect(next.token).toBe(6);
    const empty = LockTable.fromJSON({ ...new LockTable({ clock }).toJSON(), nextToken: 40 }, { clock });
    expect(claimOf(empty, { holder: user, target: file('a') }).token).toBe(40);
  });

  it('refuses a corrupt saved table with a clear message', () => {
    expect(() => LockTable.fromJSON({ version: 1, nextToken: 'x' })).toThrow(/saved lock table is not valid at nextToken/);
    expect(() => LockTable.fromJSON(null)).toThrow(/saved lock table is not valid/);
    const good = new LockTable().toJSON();
    const badPath = { ...good, claims: [{ id: 'c', holder: user, target: file('../x'), mode: 'exclusive', token: 1, since: 0 }] };
    expect(() => LockTable.fromJSON(badPath)).toThrow(/\.\./);
  });
});

describe('LockTable: events', () => {
  it('reports one change per operation and lets listeners call back into the table', () => {
    const { table } = setup();
    let changes = 0;
    table.on('changed', () => changes++);
    const seen: string[] = [];
    table.on('granted', ({ claim }) => {
      seen.push(claim.id);
      // A listener reading the table sees the grant already in place.
      expect(table.whoHolds(claim.target.pattern).map((c) => c.id)).toContain(claim.id);
    });
    const claim = claimOf(table, { holder: agent('a'), target: file('a.ts') });
    expect(changes).toBe(1);
    expect(seen).toEqual([claim.id]);
    table.claim({ holder: agent('b'), target: file('a.ts') });
    expect(changes).toBe(1);
    const off = table.on('released', () => table.claim({ holder: agent('c'), target: file('c.ts') }));
    table.release(agent('a'), claim.id);
    off();
    expect(table.claimsOf(agent('c'))).toHaveLength(1);
    // The listener's claim lands within the release's delivery: one change event covers both.
    expect(changes).toBe(2);
  });
});

describe('fencing-token reservations', () => {
  it('reserves a block before granting past the last reservation, and restarts above it', () => {
    const reservations: number[] = [];
    const table = new LockTable({ reserveTokens: (upTo) => reservations.push(upTo) });
    const tokens: number[] = [];
    for (let i = 0; i < 1_500; i++) {
      const outcome = table.claim({ holder: { kind: 'user' }, target: { kind: 'file', pattern: `f${i}.txt` } });
      if (outcome.status === 'granted') tokens.push(outcome.claim.token);
    }
    expect(reservations).toEqual([1 + TOKEN_RESERVATION_BLOCK, 1 + 2 * TOKEN_RESERVATION_BLOCK]);
    expect(Math.max(...tokens)).toBeLessThan(reservations.at(-1)!);

    // A crash before the table was saved: only an old state survives, but the reservation is durable.
    const restored = LockTable.fromJSON(new LockTable().toJSON(), { reservedTokens: reservations.at(-1)! });
    const after = restored.claim({ holder: { kind: 'user' }, target: { kind: 'file', pattern: 'after.txt' } });
    expect(after.status === 'granted' && after.claim.token).toBeGreaterThan(Math.max(...tokens));
  });
});
