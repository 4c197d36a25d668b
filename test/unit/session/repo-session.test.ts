/**
 * The repository session on a real temp git repository, with the agents faked: reopening
 * reconciles (a dead agent's claims go), a claim is answered once it is on disk, lock and agent
 * changes are announced once per burst with growing revisions, and status saves are coalesced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newAgentId } from '../../../src/core/agents/agent-id';
import { queuedAgent } from '../../../src/core/agents/queued-agent';
import { TypedEmitter } from '../../../src/core/lifecycle/typed-emitter';
import { AGENTS_DIR } from '../../../src/core/registry/registry-store';
import { RepoSession, STATUS_SAVE_DELAY_MS, type SessionAgents, type SessionEvents } from '../../../src/core/session/repo-session';
import { LaunchInputSchema } from '../../../src/shared/contract';
import type { Agent, AgentStatus } from '../../../src/shared/domain';
import { SwitchyardError } from '../../../src/shared/result';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The agents as a plain list; counts the full lists the registry reads when it writes. */
class FakeAgents implements SessionAgents {
  agents: Agent[] = [];
  fullLists = 0;
  pumps = 0;
  all(): Agent[] {
    return this.agents;
  }
  list(ids?: readonly string[]): Agent[] {
    if (!ids) this.fullLists += 1;
    return (ids ? this.agents.filter((a) => ids.includes(a.id)) : this.agents).map((a) => ({ ...a }));
  }
  require(id: string): Agent {
    const agent = this.agents.find((a) => a.id === id);
    if (!agent) throw new SwitchyardError('not-found', `No agent with id ${id}.`);
    return agent;
  }
  replace(agents: readonly Agent[]): void {
    this.agents = [...agents];
  }
  pump(): void {
    this.pumps += 1;
  }
  add(name: string, status: AgentStatus, repo: string): Agent {
    const agent = { ...queuedAgent(LaunchInputSchema.parse({ name, task: `task of ${name}` }), { id: newAgentId(name), repo, after: [], now: Date.now() }), status };
    this.agents.push(agent);
    return agent;
  }
}

function openSession() {
  const agents = new FakeAgents();
  const events = new TypedEmitter<SessionEvents>();
  const locksEvents: Array<SessionEvents['locks.changed']> = [];
  const agentsEvents: Array<SessionEvents['agents.changed']> = [];
  events.on('locks.changed', (e) => locksEvents.push(e));
  events.on('agents.changed', (e) => agentsEvents.push(e));
  let disposed = false;
  const session = new RepoSession({ agents, terminals: { reopen: () => {} }, events });
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    await session.dispose();
  };
  cleanups.push(dispose);
  return { session, agents, events, locksEvents, agentsEvents, dispose };
}

function tempRepo(): TempRepo {
  const repo = makeTempRepo();
  cleanups.push(() => repo.remove());
  return repo;
}

/** Lets the microtasks of the current burst (its announcements) run. */
const afterBurst = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('opening a repository', () => {
  it('releases the claims of an agent whose process is gone, and marks the agent stopped', async () => {
    const repo = tempRepo();
    const first = openSession();
    await first.session.open(repo.dir);
    const agent = first.agents.add('gone', 'working', repo.dir);
    first.session.changed(agent);
    await first.session.claimLocks(agent.id, ['src/**'], {});
    expect(first.session.listLocks().claims.map((c) => c.agentId)).toEqual([agent.id]);
    // Switchyard ends without stopping the agent (its pid is unknown: nothing to find running).
    await first.dispose();

    const second = openSession();
    await second.session.open(repo.dir);
    expect(second.session.listLocks().claims).toEqual([]);
    expect(second.agents.all().map((a) => [a.id, a.status])).toEqual([[agent.id, 'stopped']]);
    await afterBurst();
    expect(second.agentsEvents.at(-1)).toMatchObject({ replace: true, agents: [{ id: agent.id, status: 'stopped' }] });
  });

  it("keeps the write gate's refusals as conflicts across a restart, read back from the activity log", async () => {
    const repo = tempRepo();
    const first = openSession();
    await first.session.open(repo.dir);
    const agent = first.agents.add('pushy', 'exited', repo.dir);
    first.session.changed(agent);
    // What the hook gate does on a refusal: it logs the decision (every write of the command) and notes the refused ones.
    first.session.log('write-refused', {
      id: agent.id,
      reason: 'src/a.ts is claimed by the user',
      writes: [
        { path: 'src/a.ts', via: 'apply_patch', verdict: 'refused', holderAgentId: null },
        { path: 'src/free.ts', via: 'apply_patch', verdict: 'allowed' },
      ],
    });
    first.session.changes.noteGateEvent({ kind: 'refused', agentId: agent.id, paths: ['src/a.ts'], holders: [null], reason: 'src/a.ts is claimed by the user', at: Date.now() });
    const shown = (session: RepoSession) =>
      session.changes.conflicts().map((c) => ({ id: c.id, kind: c.kind, paths: c.paths, agents: c.agents, summary: c.summary, actions: c.actions }));
    const before = shown(first.session);
    expect(before.map((c) => [c.id, c.paths])).toEqual([[`violation:refused:${agent.id}:src/a.ts`, ['src/a.ts']]]);
    await first.dispose();

    const second = openSession();
    await second.session.open(repo.dir);
    expect(shown(second.session)).toEqual(before);
  });

  it('refuses to switch while an agent runs', async () => {
    const repo = tempRepo();
    const other = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    t.agents.add('busy', 'working', repo.dir);
    await expect(t.session.open(other.dir)).rejects.toThrow(/Stop the 1 running agent/);
    expect(t.session.repo).toBe(repo.dir);
  });
});

describe('claims', () => {
  it('answers a claim once it is in the journal on disk', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    await t.session.committed();
    const journal = path.join(repo.dir, AGENTS_DIR, 'locks.jsonl');
    const result = await t.session.claimLocks(undefined, ['docs/guide.md'], {});
    expect(result.granted.map((c) => c.pattern)).toEqual(['docs/guide.md']);
    expect(fs.readFileSync(journal, 'utf8')).toContain('docs/guide.md');
  });

  it('announces the changes of one burst once, as a delta, with a revision one higher each time', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    await afterBurst();
    const start = t.session.listLocks().revision;
    const table = t.session.repoLocks!.table;
    const claim = (pattern: string) => table.claim({ holder: { kind: 'user' }, target: { kind: 'file', pattern }, mode: 'exclusive' });
    claim('a.txt');
    claim('b.txt');
    expect(t.locksEvents).toHaveLength(0);
    await afterBurst();
    expect(t.locksEvents).toHaveLength(1);
    expect(t.locksEvents[0]!.revision).toBe(start + 1);
    expect(t.locksEvents[0]!.claims.set.map((c) => c.pattern).sort()).toEqual(['a.txt', 'b.txt']);

    claim('c.txt');
    await afterBurst();
    expect(t.locksEvents.map((e) => e.revision)).toEqual([start + 1, start + 2]);
    expect(t.locksEvents[1]!.claims.set.map((c) => c.pattern)).toEqual(['c.txt']);
    expect(t.session.listLocks().revision).toBe(start + 2);
  });

  it('announces a settings change of the gate mode, with no claim changed', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    await afterBurst();
    t.session.updateSettings({ gateMode: 'advise' });
    await afterBurst();
    expect(t.locksEvents.at(-1)).toMatchObject({ mode: 'advise', claims: { set: [], removed: [] } });
  });
});

describe('claims chosen at launch', () => {
  it('are spelled as the lock table spells them; one outside the repository refuses the launch with its reason', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    expect(t.session.launchClaims(['./src/', `${repo.dir}/docs/a.md`, 'src', 'lib/**/*.ts'])).toEqual(['src/', 'docs/a.md', 'src', 'lib/**/*.ts']);
    expect(() => t.session.launchClaims(['src/', '../outside.txt'])).toThrow(/Cannot claim \.\.\/outside\.txt: .*outside the repository/);
    expect(() => t.session.launchClaims(['/etc/passwd'])).toThrow(/Cannot claim \/etc\/passwd: .*outside the repository/);
    expect(t.session.checkClaims(['../outside.txt', 'ok.txt'])).toEqual([
      { pattern: '../outside.txt', normalized: null, reason: expect.stringMatching(/outside the repository/) as unknown as string },
      { pattern: 'ok.txt', normalized: 'ok.txt', reason: null },
    ]);
  });
});

describe('claims taken when an agent starts', () => {
  it('drops a claim the lock table refuses as outside the repository from the agent, and says so', async () => {
    const repo = tempRepo();
    const t = openSession();
    const problems: string[] = [];
    await t.session.open(repo.dir);
    // A record from before launches were checked (or a path that left the repository since).
    const agent = { ...t.agents.add('old', 'starting', repo.dir), claims: ['src/', '../outside.txt'] };
    t.agents.agents = [agent];
    t.events.on('notification', (n) => problems.push(n.title));
    t.session.takeLease(agent, process.pid);
    await t.session.committed();
    await afterBurst();
    expect(agent.claims).toEqual(['src/']);
    expect(problems).toEqual(['old could not claim ../outside.txt']);
    expect(t.session.listLocks().claims.map((c) => [c.kind, c.pattern])).toEqual([['directory', 'src']]);
  });
});

describe('forgetting an agent', () => {
  it('releases what it still holds at once and announces the whole list', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    const kept = t.agents.add('kept', 'exited', repo.dir);
    const gone = t.agents.add('gone', 'stopped', repo.dir);
    await t.session.claimLocks(gone.id, ['src/'], {});
    await afterBurst();
    t.agents.agents = t.agents.agents.filter((a) => a.id !== gone.id);
    t.session.forget(gone);
    expect(t.session.listLocks().claims).toEqual([]);
    await afterBurst();
    expect(t.agentsEvents.at(-1)).toMatchObject({ replace: true, agents: [{ id: kept.id }] });
    await t.session.committed();
    const saved = JSON.parse(fs.readFileSync(path.join(repo.dir, AGENTS_DIR, 'orchestrator.json'), 'utf8')) as { agents: Agent[] };
    expect(saved.agents.map((a) => a.id)).toEqual([kept.id]);
  });
});

describe('agent changes', () => {
  it('announces the agents changed in one burst once, with growing revisions', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    await afterBurst();
    const start = t.session.listAgents().revision;
    const a = t.agents.add('a', 'queued', repo.dir);
    const b = t.agents.add('b', 'queued', repo.dir);
    t.session.changed(a);
    t.session.changed(b);
    t.session.changed(a, 'status');
    await afterBurst();
    expect(t.agentsEvents.slice(-1)).toEqual([{ revision: start + 1, agents: [expect.objectContaining({ id: a.id }), expect.objectContaining({ id: b.id })], replace: false }]);
    t.session.changed(b);
    await afterBurst();
    expect(t.agentsEvents.slice(-2).map((e) => [e.revision, e.agents.map((x) => x.id)])).toEqual([
      [start + 1, [a.id, b.id]],
      [start + 2, [b.id]],
    ]);
    expect(t.session.listAgents().revision).toBe(start + 2);
  });

  it('coalesces status saves into one write after STATUS_SAVE_DELAY_MS, and saves other changes in the next batch', async () => {
    const repo = tempRepo();
    const t = openSession();
    await t.session.open(repo.dir);
    const agent = t.agents.add('busy', 'starting', repo.dir);
    t.session.changed(agent);
    await t.session.committed();
    const writes = t.agents.fullLists;

    for (const status of ['working', 'finished', 'working'] as const) {
      agent.status = status;
      t.session.changed(agent, 'status');
    }
    await t.session.committed();
    expect(t.agents.fullLists).toBe(writes);
    // Timers fire in order: the save's, set first, before this one.
    await new Promise((resolve) => setTimeout(resolve, STATUS_SAVE_DELAY_MS + 50));
    await t.session.committed();
    expect(t.agents.fullLists).toBe(writes + 1);
    const saved = JSON.parse(fs.readFileSync(path.join(repo.dir, AGENTS_DIR, 'orchestrator.json'), 'utf8')) as { agents: Agent[] };
    expect(saved.agents.find((a) => a.id === agent.id)?.status).toBe('working');

    agent.status = 'finished';
    t.session.changed(agent);
    await t.session.committed();
    expect(t.agents.fullLists).toBe(writes + 2);
  });
});
