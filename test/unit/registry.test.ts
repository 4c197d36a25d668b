/** The registry file: durable saves, a corrupt file kept as a backup, and reconciliation rules. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentSchema, type Agent } from '../../src/shared/domain';
import { reconcileAgents } from '../../src/core/registry/reconcile';
import { RegistryStore } from '../../src/core/registry/registry-store';
import { emptyRegistry } from '../../src/core/registry/registry-schema';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const agent = (id: string, status: Agent['status'], pid: number | null = 100): Agent =>
  AgentSchema.parse({
    id, name: id, task: 't', status, pid, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, exitCode: null, detail: null,
  });

describe('RegistryStore', () => {
  let repo: TempRepo;
  afterEach(() => repo.remove());

  it('saves and loads the registry, keeping .agents/ out of git', async () => {
    repo = makeTempRepo();
    const store = new RegistryStore(repo.dir);
    expect(store.load()).toEqual({ registry: expect.objectContaining({ agents: [] }), problem: null });
    await store.save({ ...emptyRegistry(repo.dir), agents: [agent('a-1', 'working')] });
    const again = new RegistryStore(repo.dir).load();
    expect(again.problem).toBeNull();
    expect(again.registry.agents.map((a) => a.id)).toEqual(['a-1']);
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(repo.git('status', '--porcelain')).toBe('');
    // Excluding twice does not add the line twice.
    new RegistryStore(repo.dir).load();
    expect(fs.readFileSync(path.join(repo.dir, '.git/info/exclude'), 'utf8').match(/\/\.agents\//g)).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"version": 1, "agents": ['],
    ['a hand edit with a wrong type', JSON.stringify({ ...emptyRegistry('/r'), agents: [{ id: 'x', status: 'dancing' }] })],
  ])('keeps a corrupt registry (%s) as a backup and starts empty with a clear message', (_what, content) => {
    repo = makeTempRepo();
    fs.mkdirSync(path.join(repo.dir, '.agents'));
    fs.writeFileSync(path.join(repo.dir, '.agents', 'orchestrator.json'), content);
    const { registry, problem } = new RegistryStore(repo.dir).load();
    expect(registry.agents).toEqual([]);
    expect(problem).toMatch(/could not be read: .+ It was kept as .+orchestrator\.json\.corrupt-/);
    const backups = fs.readdirSync(path.join(repo.dir, '.agents')).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(repo.dir, '.agents', backups[0]!), 'utf8')).toBe(content);
  });

  it('reports a failed save without breaking later saves', async () => {
    repo = makeTempRepo();
    const errors: string[] = [];
    const store = new RegistryStore(repo.dir, (e) => errors.push(e.message));
    store.load();
    // A directory where the file should be makes the rename fail, even for root (CI runs as root).
    fs.mkdirSync(path.join(store.file, 'blocker'), { recursive: true });
    await store.save(emptyRegistry(repo.dir));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/EISDIR|EEXIST|ENOTEMPTY|directory/i);
    fs.rmSync(store.file, { recursive: true });
    await store.save({ ...emptyRegistry(repo.dir), agents: [agent('b-2', 'idle')] });
    expect(new RegistryStore(repo.dir).load().registry.agents).toHaveLength(1);
  });

  it('names the missing folder, not its temp file, when .agents/ or the repository is deleted under it', async () => {
    repo = makeTempRepo();
    const errors: string[] = [];
    const store = new RegistryStore(repo.dir, (e) => errors.push(e.message));
    store.load();
    // Half way through an rm -rf of the repository: .agents/ is gone, the repository not yet.
    fs.rmSync(store.dir, { recursive: true });
    await store.save(emptyRegistry(repo.dir));
    expect(errors[0]).toContain(`the folder ${store.dir} was deleted`);
    fs.rmSync(repo.dir, { recursive: true });
    await store.save(emptyRegistry(repo.dir));
    expect(errors[1]).toContain(`the repository folder ${repo.dir} no longer exists`);
  });
});

describe('reconcileAgents', () => {
  it('marks live agents whose process is gone as stopped, leaves ended and queued ones alone', () => {
    const agents = [agent('gone', 'working', 1), agent('alive', 'idle', 2), agent('done', 'exited', 3), agent('later', 'queued', null)];
    const { agents: result, orphans, notes } = reconcileAgents(agents, (pid) => pid === 2, new Date('2026-02-02T00:00:00Z'));
    expect(result.map((a) => [a.id, a.status])).toEqual([
      ['gone', 'stopped'],
      ['alive', 'idle'],
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
