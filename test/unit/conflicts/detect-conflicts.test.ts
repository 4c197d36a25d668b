/** The conflict rules over plain snapshots: what each finds, how severe it is, and what it offers. */
import { describe, expect, it } from 'vitest';
import { detectConflicts } from '../../../src/core/conflicts/detect-conflicts';
import { ConflictSchema, type Conflict } from '../../../src/shared/conflicts';
import { agent, change, claim, input, MINUTE, T0, timeline } from './fixtures';

const actionTypes = (conflict: Conflict): string[] => conflict.actions.map((action) => action.type);
const only = (conflicts: Conflict[], kind: Conflict['kind']): Conflict[] => conflicts.filter((c) => c.kind === kind);

describe('overlap', () => {
  const agents = [agent('a', { name: 'Ada' }), agent('b', { name: 'Bob' })];

  it('is critical when one agent wrote over the other, and offers the version before the overwrite', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        changes: [change('src/x.ts', 'a', T0 + MINUTE), change('src/x.ts', 'b', T0 + 3 * MINUTE)],
        timelines: { 'src/x.ts': timeline('src/x.ts', [null, 'a', 'b']) },
      }),
    );
    expect(conflicts).toHaveLength(1);
    const [overlap] = conflicts;
    expect(overlap).toMatchObject({ id: 'overlap:src/x.ts', kind: 'overlap', severity: 'critical', paths: ['src/x.ts'], agents: ['a', 'b'] });
    expect(overlap!.summary).toContain('agent "Bob" wrote over agent "Ada"');
    expect(overlap!.actions).toContainEqual(expect.objectContaining({ type: 'restore-version', path: 'src/x.ts', version: 2 }));
    expect(overlap!.actions).toContainEqual(expect.objectContaining({ type: 'stop-agent', agentId: 'b' }));
    expect(overlap!.actions).toContainEqual(expect.objectContaining({ type: 'message-agent', agentId: 'b' }));
    expect(actionTypes(overlap!)).not.toContain('transfer-claim');
    // Merge both: Bob's version (now) with Ada's changes since the base brought back.
    expect(overlap!.actions).toContainEqual({
      type: 'merge-versions',
      path: 'src/x.ts',
      base: 1,
      ours: 3,
      theirs: 2,
      label: `Merge both: keep agent "Bob"'s src/x.ts and bring back agent "Ada"'s changes`,
    });
    expect(overlap!.at).toBe(new Date(T0 + 3 * MINUTE).toISOString());
    expect(() => ConflictSchema.parse(overlap)).not.toThrow();
  });

  it('is a warning when the two writes happened at the same time, so neither certainly overwrote the other', () => {
    const [overlap] = detectConflicts(
      input({ agents, changes: [change('x.ts', 'a', T0 + 1_000, { spanMs: 5_000 }), change('x.ts', 'b', T0 + 2_000, { spanMs: 5_000 })] }),
    );
    expect(overlap!.severity).toBe('warning');
  });

  it('offers moving or releasing a claim one of the two holds', () => {
    const [overlap] = detectConflicts(
      input({
        agents,
        claims: [claim('a', 'src/', { mode: 'shared', kind: 'directory' })],
        changes: [change('src/x.ts', 'a', T0 + MINUTE), change('src/x.ts', 'b', T0 + 3 * MINUTE)],
      }),
    );
    expect(overlap!.actions).toContainEqual(expect.objectContaining({ type: 'transfer-claim', from: 'a', to: 'b', pattern: 'src/' }));
    expect(overlap!.actions).toContainEqual(expect.objectContaining({ type: 'release-claim', agentId: 'a', pattern: 'src/' }));
  });

  it('never blames agents for baseline or unattributed changes', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        changes: [change('x.ts', 'a', T0, { baseline: true }), change('x.ts', null, T0 + MINUTE), change('x.ts', 'b', T0 + 2 * MINUTE)],
      }),
    );
    expect(conflicts).toEqual([]);
  });

  it('is settled by a restore: only agent writes after it count', () => {
    const writes = [change('x.ts', 'a', T0), change('x.ts', 'b', T0 + MINUTE), change('x.ts', null, T0 + 2 * MINUTE, { restore: 1 })];
    expect(detectConflicts(input({ agents, changes: writes }))).toEqual([]);
    const again = [...writes, change('x.ts', 'a', T0 + 3 * MINUTE), change('x.ts', 'b', T0 + 4 * MINUTE)];
    expect(detectConflicts(input({ agents, changes: again })).map((c) => c.id)).toEqual(['overlap:x.ts']);
  });

  it('offers no stop or message for a writer that has ended', () => {
    const [overlap] = detectConflicts(
      input({
        agents: [agents[0]!, agent('b', { status: 'exited' })],
        changes: [change('x.ts', 'a', T0), change('x.ts', 'b', T0 + MINUTE)],
      }),
    );
    expect(actionTypes(overlap!)).toEqual(['open-diff']);
  });
});

describe('violation', () => {
  const agents = [agent('a', { name: 'Ada' }), agent('b', { name: 'Bob' })];

  it('reports a refused write as a warning and repeated refusals of the same write once', () => {
    const event = { kind: 'refused' as const, agentId: 'b', paths: ['src/x.ts'], holders: ['a'], reason: 'held by a', at: T0 };
    const conflicts = detectConflicts(
      input({ agents, claims: [claim('a', 'src/x.ts')], gateEvents: [event, { ...event, at: T0 + MINUTE }] }),
    );
    expect(conflicts).toHaveLength(1);
    const [refused] = conflicts;
    expect(refused).toMatchObject({ kind: 'violation', severity: 'warning', paths: ['src/x.ts'], agents: ['b', 'a'] });
    expect(refused!.summary).toContain('2 times');
    expect(refused!.at).toBe(new Date(T0 + MINUTE).toISOString());
    const message = refused!.actions.find((action) => action.type === 'message-agent');
    expect(message).toMatchObject({ agentId: 'b' });
    expect(message && 'text' in message && message.text).toContain('src/x.ts is held by agent "Ada"');
    expect(refused!.actions).toContainEqual(expect.objectContaining({ type: 'transfer-claim', from: 'a', to: 'b', pattern: 'src/x.ts' }));
    expect(actionTypes(refused!)).not.toContain('restore-version');
  });

  it('reports a write that went through in advise mode as critical, with the version to restore', () => {
    const [violation] = detectConflicts(
      input({
        agents,
        claims: [claim('a', 'src/x.ts')],
        gateEvents: [{ kind: 'violation', agentId: 'b', paths: ['src/x.ts'], holders: ['a'], reason: 'held', at: T0 }],
        changes: [change('src/x.ts', 'b', T0 + 1_000)],
        timelines: { 'src/x.ts': timeline('src/x.ts', [null, 'b']) },
      }),
    );
    expect(violation).toMatchObject({ kind: 'violation', severity: 'critical' });
    expect(violation!.actions).toContainEqual(expect.objectContaining({ type: 'restore-version', version: 1 }));
    // Only the user's version came before: nothing of another agent's to merge back.
    expect(actionTypes(violation!)).not.toContain('merge-versions');
  });

  it('offers Merge both when the write that went through was over the holder’s own version', () => {
    const [violation] = detectConflicts(
      input({
        agents,
        claims: [claim('a', 'src/x.ts')],
        gateEvents: [{ kind: 'violation', agentId: 'b', paths: ['src/x.ts'], holders: ['a'], reason: 'held', at: T0 }],
        changes: [change('src/x.ts', 'b', T0 + 1_000)],
        timelines: { 'src/x.ts': timeline('src/x.ts', [null, 'a', 'b']) },
      }),
    );
    expect(violation!.actions).toContainEqual(expect.objectContaining({ type: 'merge-versions', path: 'src/x.ts', base: 1, ours: 3, theirs: 2 }));
  });

  it('finds a write into another agent\'s exclusive claim that the gate never saw', () => {
    const conflicts = detectConflicts(
      input({ agents, claims: [claim('a', 'src/**/*.ts')], changes: [change('src/deep/x.ts', 'b', T0 + MINUTE)] }),
    );
    expect(conflicts.map((c) => c.id)).toEqual(['violation:write:b:src/deep/x.ts']);
    expect(conflicts[0]).toMatchObject({ severity: 'critical', agents: ['b', 'a'] });
  });

  it('names the user as the holder of a claim without an agent, and offers no claim action for it', () => {
    const [violation] = detectConflicts(input({ agents, claims: [claim(null, 'x.ts')], changes: [change('x.ts', 'b', T0)] }));
    expect(violation!.summary).toContain('x.ts is held by the user');
    expect(actionTypes(violation!)).toEqual(['message-agent']);
  });

  it('does not count shared claims, the writer\'s own claims, or claims granted after the write', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        claims: [claim('a', 'shared.ts', { mode: 'shared' }), claim('b', 'own.ts'), claim('a', 'late.ts', { since: T0 + 2 * MINUTE })],
        changes: [change('shared.ts', 'b', T0), change('own.ts', 'b', T0), change('late.ts', 'b', T0)],
      }),
    );
    expect(conflicts).toEqual([]);
  });

  it('does not report a claimed write twice when a gate event already says it went through', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        claims: [claim('a', 'x.ts')],
        gateEvents: [{ kind: 'violation', agentId: 'b', paths: ['x.ts'], holders: ['a'], reason: 'held', at: T0 }],
        changes: [change('x.ts', 'b', T0 + 1_000)],
      }),
    );
    expect(only(conflicts, 'violation')).toHaveLength(1);
  });
});

describe('duplicate', () => {
  it('offers stopping the later-launched of two agents with the same task', () => {
    const conflicts = detectConflicts(
      input({
        agents: [
          agent('b', { name: 'Bob', task: 'Add a login page', startedAt: T0 + MINUTE }),
          agent('a', { name: 'Ada', task: 'add the login page', startedAt: T0 }),
        ],
      }),
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'duplicate', severity: 'warning', agents: ['a', 'b'], at: new Date(T0 + MINUTE).toISOString() });
    expect(conflicts[0]!.actions).toContainEqual(expect.objectContaining({ type: 'stop-agent', agentId: 'b' }));
    expect(conflicts[0]!.actions).toContainEqual(expect.objectContaining({ type: 'message-agent', agentId: 'b' }));
  });

  it('reports overlapping claims with the claims as paths', () => {
    const conflicts = detectConflicts(
      input({
        agents: [
          agent('a', { task: 'write the parser', claims: ['src/parser/'] }),
          agent('b', { task: 'document the api', claims: ['src/parser/index.ts'], startedAt: T0 + MINUTE }),
        ],
      }),
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'duplicate', paths: ['src/parser/', 'src/parser/index.ts'] });
  });

  it('counts a re-tagged task refused on its twin\'s claim as a duplicate, and shows the file it went for', () => {
    const refused = { kind: 'refused' as const, agentId: 'b', paths: ['src/inventory.ts'], holders: ['a'], reason: 'held by a', at: T0 + 2 * MINUTE };
    const conflicts = detectConflicts(
      input({
        agents: [
          agent('a', { name: 'Ada', task: '[PROJ-12] Add inventory endpoints for hops', startedAt: T0 }),
          agent('b', { name: 'Bob', task: '[PROJ-15] Add inventory endpoints for hops', startedAt: T0 + MINUTE }),
        ],
        claims: [claim('a', 'src/inventory.ts')],
        changes: [change('src/inventory.ts', 'a', T0 + MINUTE)],
        gateEvents: [refused, { ...refused, at: T0 + 3 * MINUTE }],
      }),
    );
    const [duplicate] = only(conflicts, 'duplicate');
    expect(duplicate).toMatchObject({ severity: 'warning', agents: ['a', 'b'], paths: ['src/inventory.ts'] });
    expect(duplicate!.summary).toContain('the same task once ticket references are ignored (similarity 1.00)');
    expect(duplicate!.summary).toContain('agent "Bob" (b) was refused 2 writes on agent "Ada" (a)\'s claim src/inventory.ts');
  });

  it('ignores agents that have ended', () => {
    expect(
      detectConflicts(input({ agents: [agent('a', { task: 'same thing' }), agent('b', { task: 'same thing', status: 'stopped' })] })),
    ).toEqual([]);
  });
});

describe('ping-pong', () => {
  const agents = [agent('a', { name: 'Ada' }), agent('b', { name: 'Bob' })];
  const rally = (gapMs: number) =>
    ['a', 'b', 'a', 'b'].map((writer, i) => change('x.ts', writer, T0 + i * gapMs));

  it('is critical when the writer changes three times within the window, and replaces the overlap', () => {
    const conflicts = detectConflicts(
      input({ agents, changes: rally(MINUTE), timelines: { 'x.ts': timeline('x.ts', [null, 'a', 'b', 'a', 'b']) } }),
    );
    expect(conflicts.map((c) => c.id)).toEqual(['ping-pong:x.ts:a+b']);
    const [pingPong] = conflicts;
    expect(pingPong).toMatchObject({ severity: 'critical', agents: ['a', 'b'] });
    expect(actionTypes(pingPong!)).toEqual([
      'pause-agent',
      'stop-agent',
      'pause-agent',
      'stop-agent',
      'restore-version',
      'restore-version',
      'merge-versions',
      'open-diff',
    ]);
    // Bob's last version, with Ada's last changes (since the Bob version she started from) brought back.
    expect(pingPong!.actions).toContainEqual(expect.objectContaining({ type: 'merge-versions', path: 'x.ts', base: 3, ours: 5, theirs: 4 }));
    expect(pingPong!.actions).toContainEqual(expect.objectContaining({ type: 'restore-version', version: 4 }));
    expect(pingPong!.actions).toContainEqual(expect.objectContaining({ type: 'restore-version', version: 5 }));
  });

  it('is only an overlap when the changes of hands are spread wider than the window', () => {
    const conflicts = detectConflicts(input({ agents, changes: rally(6 * MINUTE) }));
    expect(conflicts.map((c) => c.kind)).toEqual(['overlap']);
  });

  it('follows the configured threshold', () => {
    const conflicts = detectConflicts(
      input({ agents, changes: rally(MINUTE).slice(0, 3), pingPong: { alternations: 2, windowMs: 5 * MINUTE } }),
    );
    expect(conflicts.map((c) => c.kind)).toEqual(['ping-pong']);
  });

  it('counts only the pair\'s own changes of hands, not a third writer in between', () => {
    const writes = [change('x.ts', 'a', T0), change('x.ts', 'c', T0 + 1), change('x.ts', 'a', T0 + 2), change('x.ts', 'b', T0 + 3)];
    const conflicts = detectConflicts(input({ agents: [...agents, agent('c')], changes: writes }));
    expect(only(conflicts, 'ping-pong')).toEqual([]);
  });
});

describe('stuck', () => {
  it('flags a working agent silent for longer than the threshold', () => {
    const now = T0 + 30 * MINUTE;
    const conflicts = detectConflicts(
      input({
        now,
        agents: [
          agent('a', { name: 'Ada', lastProgressAt: T0 }),
          agent('b', { lastProgressAt: now - MINUTE }),
          agent('c', { status: 'waiting-for-input', lastProgressAt: T0 }),
        ],
      }),
    );
    expect(conflicts.map((c) => c.id)).toEqual(['stuck:a']);
    expect(conflicts[0]!.summary).toContain('30 minutes');
    expect(actionTypes(conflicts[0]!)).toEqual(['message-agent', 'pause-agent', 'stop-agent']);
    const message = conflicts[0]!.actions[0]!;
    expect(message.type === 'message-agent' && message.text).toContain('Are you stuck?');
    expect(conflicts[0]!.at).toBe(new Date(T0 + 10 * MINUTE).toISOString());
  });

  it('believes the supervisor\'s stuck flag, and counts from the start when no progress was ever reported', () => {
    const now = T0 + 30 * MINUTE;
    const conflicts = detectConflicts(
      input({ now, agents: [agent('a', { lastProgressAt: now, stuck: true }), agent('b', { lastProgressAt: null, startedAt: T0 })] }),
    );
    expect(conflicts.map((c) => c.id).sort()).toEqual(['stuck:a', 'stuck:b']);
  });
});

describe('import-cycle', () => {
  it('reports each cycle with a diff per path and a message to each running agent involved', () => {
    const conflicts = detectConflicts(
      input({
        agents: [agent('a'), agent('b', { status: 'exited' })],
        importCycles: [{ paths: ['b.ts', 'a.ts'], agents: ['a', 'b'] }],
        changes: [change('a.ts', 'a', T0 + MINUTE)],
      }),
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: 'import-cycle:a.ts+b.ts', kind: 'import-cycle', severity: 'warning', agents: ['a', 'b'] });
    expect(conflicts[0]!.summary).toContain('b.ts → a.ts → b.ts');
    expect(actionTypes(conflicts[0]!)).toEqual(['open-diff', 'open-diff', 'message-agent']);
    expect(conflicts[0]!.at).toBe(new Date(T0 + MINUTE).toISOString());
  });
});

describe('broken-import', () => {
  const agents = [agent('a', { name: 'Ada' }), agent('b', { name: 'Bob' }), agent('c', { name: 'Cy', status: 'exited' })];

  it('names who wrote the import and who removed the export, and offers a message to each', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        changes: [change('src/cart.ts', 'a', T0 + MINUTE), change('src/checkout.ts', 'b', T0 + 2 * MINUTE)],
        brokenImports: [
          { importer: 'src/checkout.ts', specifier: './cart', target: 'src/cart.ts', names: ['total'], cause: 'removed', importerAgents: ['b'], removerAgents: ['a'] },
        ],
      }),
    );
    const [broken] = only(conflicts, 'broken-import');
    expect(broken).toMatchObject({
      id: 'broken-import:src/checkout.ts:./cart:total',
      severity: 'warning',
      paths: ['src/checkout.ts', 'src/cart.ts'],
      agents: ['b', 'a'],
      summary: 'src/checkout.ts imports total from ./cart (src/cart.ts), which was removed by agent "Ada".',
      at: new Date(T0 + 2 * MINUTE).toISOString(),
    });
    expect(ConflictSchema.parse(broken)).toEqual(broken);
    const messages = broken!.actions.filter((action) => action.type === 'message-agent');
    expect(messages.map((m) => m.type === 'message-agent' && [m.agentId, m.label])).toEqual([
      ['b', 'Tell agent "Bob"'],
      ['a', 'Tell agent "Ada"'],
    ]);
    expect(messages[1]!.type === 'message-agent' && messages[1]!.text).toContain('you removed total from ./cart (src/cart.ts), but src/checkout.ts (changed by agent "Bob") still imports it');
    expect(actionTypes(broken!).slice(0, 2)).toEqual(['open-diff', 'open-diff']);
  });

  it('says when a module never existed, and offers no message to an agent that has ended', () => {
    const conflicts = detectConflicts(
      input({
        agents,
        brokenImports: [{ importer: 'app.py', specifier: 'shop.missing', target: null, names: [], cause: 'never-existed', importerAgents: ['c'], removerAgents: [] }],
      }),
    );
    expect(conflicts[0]).toMatchObject({ kind: 'broken-import', paths: ['app.py'], agents: ['c'], summary: 'app.py imports the module shop.missing, which does not exist.' });
    expect(actionTypes(conflicts[0]!)).toEqual(['open-diff']);
  });
});

describe('detectConflicts', () => {
  it('orders by severity, then newest first, and every conflict parses against the contract', () => {
    const agents = [agent('a', { lastProgressAt: T0 }), agent('b', { lastProgressAt: T0 + 55 * MINUTE })];
    const conflicts = detectConflicts(
      input({
        agents,
        changes: [change('old.ts', 'a', T0), change('old.ts', 'b', T0 + MINUTE), change('new.ts', 'a', T0 + 5 * MINUTE), change('new.ts', 'b', T0 + 6 * MINUTE)],
        importCycles: [{ paths: ['p.ts', 'q.ts'], agents: [null] }],
      }),
    );
    expect(conflicts.map((c) => c.id)).toEqual(['overlap:new.ts', 'overlap:old.ts', 'import-cycle:p.ts+q.ts', 'stuck:a']);
    for (const conflict of conflicts) expect(() => ConflictSchema.parse(conflict)).not.toThrow();
  });

  it('is deterministic: the same snapshot gives the same list', () => {
    const snapshot = input({ agents: [agent('a'), agent('b')], changes: [change('x.ts', 'a', T0), change('x.ts', 'b', T0 + MINUTE)] });
    expect(detectConflicts(snapshot)).toEqual(detectConflicts(snapshot));
  });
});

describe('merge both', () => {
  const agents = [agent('a', { name: 'Ada' }), agent('b', { name: 'Bob' })];
  const overlapOf = (versions: ReturnType<typeof timeline>) =>
    detectConflicts(
      input({ agents, changes: [change('y.ts', 'a', T0 + MINUTE), change('y.ts', 'b', T0 + 3 * MINUTE)], timelines: { 'y.ts': versions } }),
    )[0]!;

  it('starts from the version before the overwritten agent’s whole run of writes', () => {
    const merge = overlapOf(timeline('y.ts', [null, 'a', 'a', 'b'])).actions.find((a) => a.type === 'merge-versions');
    expect(merge).toEqual(expect.objectContaining({ base: 1, ours: 4, theirs: 3 }));
  });

  it('is not offered when a side’s bytes were not kept or the overwrite already holds the other version', () => {
    const tooLarge = timeline('y.ts', [null, 'a', 'b']).map((v) => (v.version === 2 ? { ...v, state: 'too-large' as const, blob: null } : v));
    expect(actionTypes(overlapOf(tooLarge))).not.toContain('merge-versions');
    const same = timeline('y.ts', [null, 'a', 'b']).map((v) => (v.version === 3 ? { ...v, blob: 'blob2' } : v));
    expect(actionTypes(overlapOf(same))).not.toContain('merge-versions');
  });

  it('is not offered once the file is no longer the overwriter’s version (merged, restored, or written again)', () => {
    expect(actionTypes(overlapOf(timeline('y.ts', [null, 'a', 'b', null])))).not.toContain('merge-versions');
  });
});
