/** The registry files: durable saves, the lock journal's group commits, corrupt files kept as backups, and reconciliation rules. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentSchema, type Agent } from '../../src/shared/domain';
import { reconcileAgents } from '../../src/core/registry/reconcile';
import { DurableJournal } from '../../src/core/registry/durable-journal';
import { RegistryStore, type RegistrySource } from '../../src/core/registry/registry-store';
import { emptyRegistry } from '../../src/core/registry/registry-schema';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const agent = (id: string, status: Agent['status'], pid: number | null = 100): Agent =>
  AgentSchema.parse({
    id, name: id, task: 't', status, pid, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, exitCode: null, detail: null,
  });

/** A store whose source is plain data the test changes, and whose lock snapshot is `locks`. */
function storeWith(dir: string, errors: string[] = []) {
  const state = { registry: emptyRegistry(dir), locks: { claims: [] as string[] } as unknown };
  const store = new RegistryStore(dir, (file, e) => errors.push(`${path.basename(file)}: ${e.message}`));
  const loaded = store.load();
  const source: RegistrySource = {
    registry: () => ({ settings: state.registry.settings, agents: state.registry.agents }),
    locks: () => state.locks,
    locksSize: () => (state.locks as { claims: string[] }).claims.length,
  };
  store.attach(source);
  return { store, state, loaded, errors };
}

const journalLines = (store: RegistryStore): string[] => fs.readFileSync(store.journalFile, 'utf8').split('\n').filter(Boolean);

describe('RegistryStore', () => {
  let repo: TempRepo;
  afterEach(() => repo.remove());

  it('saves and loads the registry, keeping .agents/ out of git', async () => {
    repo = makeTempRepo();
    const { store, state, loaded } = storeWith(repo.dir);
    expect(loaded).toEqual({ registry: expect.objectContaining({ agents: [] }), locks: { snapshot: undefined, journal: [] }, problem: null });
    state.registry.agents = [agent('a-1', 'working')];
    store.saveRegistry();
    await store.committed();
    const again = new RegistryStore(repo.dir).load();
    expect(again.problem).toBeNull();
    expect(again.registry.agents.map((a) => a.id)).toEqual(['a-1']);
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(repo.git('status', '--porcelain')).toBe('');
    // Excluding twice does not add the line twice.
    new RegistryStore(repo.dir).load();
    expect(fs.readFileSync(path.join(repo.dir, '.git/info/exclude'), 'utf8').match(/\/\.agents\//g)).toHaveLength(1);
    store.closeSync();
  });

  it.each([
    ['not JSON', '{"version": 1, "agents": ['],
    ['a hand edit with a wrong type', JSON.stringify({ ...emptyRegistry('/r'), agents: [{ id: 'x', status: 'dancing' }] })],
  ])('keeps a corrupt registry (%s) as a backup and starts empty with a clear message', (_what, content) => {
    repo = makeTempRepo();
    fs.mkdirSync(path.join(repo.dir, '.agents'));
    fs.writeFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), content);
    const store = new RegistryStore(repo.dir);
    const { registry, problem } = store.load();
    store.closeSync();
    expect(registry.agents).toEqual([]);
    expect(problem).toMatch(/could not be read: .+ It was kept as .+orchestrator\.json\.corrupt-/);
    const backups = fs.readdirSync(path.join(repo.dir, '.agents')).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(repo.dir, '.agents', backups[0]!), 'utf8')).toBe(content);
  });

  it('reports a failed save without breaking later saves', async () => {
    repo = makeTempRepo();
    const { store, state, errors } = storeWith(repo.dir);
    // A directory where the file should be makes the rename fail, even for root (CI runs as root).
    fs.mkdirSync(path.join(store.file, 'blocker'), { recursive: true });
    store.saveRegistry();
    await store.committed();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^orchestrator\.json: .*(EISDIR|EEXIST|ENOTEMPTY|directory)/i);
    fs.rmSync(store.file, { recursive: true });
    state.registry.agents = [agent('b-2', 'finished')];
    store.saveRegistry();
    await store.committed();
    expect(new RegistryStore(repo.dir).load().registry.agents).toHaveLength(1);
    store.closeSync();
  });

  it('reads a lock table saved inside orchestrator.json by an earlier version', () => {
    repo = makeTempRepo();
    fs.mkdirSync(path.join(repo.dir, '.agents'));
    fs.writeFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), JSON.stringify({ ...emptyRegistry('/r'), locks: { old: true } }));
    const store = new RegistryStore(repo.dir);
    const loaded = store.load();
    store.closeSync();
    expect(loaded.locks.snapshot).toEqual({ old: true });
    expect(loaded.registry).not.toHaveProperty('locks');
  });

  it('reads the "idle" status of an earlier version as finished after a turn, otherwise ready', () => {
    repo = makeTempRepo();
    fs.mkdirSync(path.join(repo.dir, '.agents'));
    const idle = (id: string, completedTurns: number) => ({ ...agent(id, 'working'), status: 'idle', completedTurns });
    const saved = { ...emptyRegistry('/r'), agents: [idle('done-1', 1), idle('fresh-1', 0)] };
    fs.writeFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), JSON.stringify(saved));
    const store = new RegistryStore(repo.dir);
    const loaded = store.load();
    store.closeSync();
    expect(loaded.problem).toBeFalsy();
    expect(loaded.registry.agents.map((a) => [a.id, a.status])).toEqual([['done-1', 'finished'], ['fresh-1', 'ready']]);
  });
});

describe('RegistryStore: the lock journal (group commit)', () => {
  let repo: TempRepo;
  afterEach(() => {
    vi.restoreAllMocks();
    repo.remove();
  });

  it('writes the changes of one turn in one batch: one write and one fdatasync', async () => {
    repo = makeTempRepo();
    const { store } = storeWith(repo.dir);
    await store.committed();
    const append = vi.spyOn(DurableJournal.prototype, 'append');
    for (let i = 0; i < 20; i++) store.appendLocks({ op: i }, 1);
    await store.committed();
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![0]).toHaveLength(20);
    expect(journalLines(store).map((l) => (JSON.parse(l) as { op: number }).op)).toEqual([...Array(20).keys()]);
    store.closeSync();
  });

  it('answers a change only after the batch holding it is on disk; changes made meanwhile share the next batch', async () => {
    repo = makeTempRepo();
    const { store } = storeWith(repo.dir);
    await store.committed();
    const order: string[] = [];
    const original = DurableJournal.prototype.append;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    vi.spyOn(DurableJournal.prototype, 'append').mockImplementation(async function (this: DurableJournal, lines) {
      const batch = ++batches;
      if (batch === 1) await gate; // the first batch's fsync is slow
      await original.call(this, lines);
      order.push(`synced batch ${batch} (${lines.length} lines)`);
    });
    store.appendLocks({ op: 'first' }, 1);
    const first = store.committed().then(() => order.push('answered first'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // While the first batch is being written, two more changes arrive: they wait for the next batch.
    store.appendLocks({ op: 'second' }, 1);
    const second = store.committed().then(() => order.push('answered second'));
    store.appendLocks({ op: 'third' }, 1);
    const third = store.committed().then(() => order.push('answered third'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['synced batch 1 (1 lines)', 'answered first', 'synced batch 2 (2 lines)', 'answered second', 'answered third']);
    store.closeSync();
  });

  it('replays the journal on load, dropping a torn last line (and truncating it, so appends stay parseable)', async () => {
    repo = makeTempRepo();
    const { store } = storeWith(repo.dir);
    await store.committed();
    store.appendLocks({ op: 1 }, 1);
    store.appendLocks({ op: 2 }, 1);
    await store.committed();
    store.closeSync = () => undefined; // a crash: no last write
    fs.appendFileSync(store.journalFile, '{"op": 3, "tor');
    const after = storeWith(repo.dir);
    expect(after.loaded.problem).toBeNull();
    // closeSync was replaced above, so the first store never compacted: the snapshot is the one from attach (none).
    expect(after.loaded.locks.journal).toEqual([{ op: 1 }, { op: 2 }]);
    after.store.appendLocks({ op: 4 }, 1);
    await after.store.committed();
    expect(journalLines(after.store).map((l) => JSON.parse(l) as unknown)).toEqual([{ op: 1 }, { op: 2 }, { op: 4 }]);
    expect(fs.readdirSync(after.store.dir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    after.store.closeSync();
  });

  it('keeps a journal broken before its end as a backup, with the good lines before the break', () => {
    repo = makeTempRepo();
    fs.mkdirSync(path.join(repo.dir, '.agents'));
    const file = path.join(repo.dir, '.agents', 'locks.jsonl');
    fs.writeFileSync(file, '{"op":1}\nnot json\n{"op":3}\n');
    const store = new RegistryStore(repo.dir);
    const loaded = store.load();
    store.closeSync();
    expect(loaded.locks.journal).toEqual([{ op: 1 }]);
    expect(loaded.problem).toMatch(/locks\.jsonl has a broken line after 1 good ones .+ kept as .+locks\.jsonl\.corrupt-/);
    expect(fs.readdirSync(path.join(repo.dir, '.agents')).filter((f) => f.startsWith('locks.jsonl.corrupt-'))).toHaveLength(1);
  });

  it('compacts: once the journal holds as many entries as the table, a snapshot replaces it', async () => {
    repo = makeTempRepo();
    const { store, state } = storeWith(repo.dir);
    await store.committed();
    state.locks = { claims: Array.from({ length: 100 }, (_, i) => `c${i}`) };
    for (let i = 0; i < 99; i++) store.appendLocks({ op: i }, 1);
    await store.committed();
    expect(journalLines(store)).toHaveLength(99);
    // The 100th entry: the snapshot is taken (holding it) and the journal emptied.
    store.appendLocks({ op: 99 }, 1);
    await store.committed();
    expect(journalLines(store)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(store.locksFile, 'utf8'))).toEqual(state.locks);
    store.appendLocks({ op: 100 }, 1);
    await store.committed();
    const loaded = new RegistryStore(repo.dir).load();
    expect(loaded.locks).toEqual({ snapshot: state.locks, journal: [{ op: 100 }] });
    store.closeSync();
  });

  it('after a failed append, the next batch writes a snapshot instead of appending after a possibly torn line', async () => {
    repo = makeTempRepo();
    const { store, state, errors } = storeWith(repo.dir);
    await store.committed();
    state.locks = { claims: Array.from({ length: 1000 }, (_, i) => `c${i}`) };
    vi.spyOn(DurableJournal.prototype, 'append').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    store.appendLocks({ op: 'lost' }, 1);
    await store.committed();
    expect(errors).toEqual(['locks.jsonl: ENOSPC: no space left on device']);
    store.appendLocks({ op: 'next' }, 1);
    await store.committed();
    expect(JSON.parse(fs.readFileSync(store.locksFile, 'utf8'))).toEqual(state.locks);
    expect(journalLines(store)).toEqual([]);
    store.closeSync();
  });

  it('coalesces delayed saves (status changes) into one write', async () => {
    repo = makeTempRepo();
    const { store, state } = storeWith(repo.dir);
    await store.committed();
    for (let i = 0; i < 10; i++) {
      state.registry.agents = [agent(`s-${i}`, 'working')];
      store.saveRegistry(30);
    }
    expect(fs.existsSync(store.file) ? new RegistryStore(repo.dir).load().registry.agents : []).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await store.committed();
    expect(new RegistryStore(repo.dir).load().registry.agents.map((a) => a.id)).toEqual(['s-9']);
    store.closeSync();
  });

  it('names the missing folder, not its temp file, when .agents/ or the repository is deleted under it', async () => {
    repo = makeTempRepo();
    const { store, errors } = storeWith(repo.dir);
    // Half way through an rm -rf of the repository: .agents/ is gone, the repository not yet.
    fs.rmSync(store.dir, { recursive: true });
    store.saveRegistry();
    await store.committed();
    expect(errors[0]).toContain(`the folder ${store.dir} was deleted`);
    fs.rmSync(repo.dir, { recursive: true });
    store.saveRegistry();
    await store.committed();
    expect(errors[1]).toContain(`the repository folder ${repo.dir} no longer exists`);
    store.closeSync();
  });
});

describe('reconcileAgents', () => {
  it('marks live agents whose process is gone as stopped, leaves ended and queued ones alone', () => {
    const agents = [agent('gone', 'working', 1), agent('alive', 'finished', 2), agent('done', 'exited', 3), agent('later', 'queued', null)];
    const { agents: result, orphans, notes } = reconcileAgents(agents, (pid) => pid === 2, new Date('2026-02-02T00:00:00Z'));
    expect(result.map((a) => [a.id, a.status])).toEqual([
      ['gone', 'stopped'],
      ['alive', 'finished'],
      ['done', 'exited'],
      ['later', 'queued'],
    ]);
    expect(result[0]!.endedAt).toBe('2026-02-02T00:00:00.000Z');
    expect(orphans.map((a) => a.id)).toEqual(['alive']);
    expect(notes).toEqual([expect.stringContaining('gone (pid 1) ended while Switchyard was not running')]);
  });

  it('does not mistake a reused pid for the agent (start time differs)', () => {
    const a = { ...agent('reused', 'working', 77), processStartTime: 1000 };
    const { orphans } = reconcileAgents([a], (_pid, start) => start === 2000, new Date());
    expect(orphans).toEqual([]);
  });
});
