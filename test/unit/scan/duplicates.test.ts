/** Duplicate agents: same or near-identical tasks, overlapping claims, and what to stop. */
import { describe, expect, it } from 'vitest';
import { claimOverlap, findDuplicates } from '../../../src/core/conflicts/duplicates';
import { AgentSchema, type Agent, type AgentStatus } from '../../../src/shared/domain';
import type { DiscoveredProcess } from '../../../src/shared/monitor';

const REPO = '/work/repo';

function agent(id: string, task: string, options: { status?: AgentStatus; claims?: string[]; startedAt?: string } = {}): Agent {
  return AgentSchema.parse({
    id,
    name: id,
    task,
    status: options.status ?? 'working',
    pid: 1000,
    repo: REPO,
    claims: options.claims ?? [],
    cols: 80,
    rows: 24,
    startedAt: options.startedAt ?? '2026-01-01T10:00:00Z',
    endedAt: null,
    exitCode: null,
    detail: null,
  });
}

function discovered(pid: number, task: string | null, options: Partial<DiscoveredProcess> = {}): DiscoveredProcess {
  return {
    pid,
    ppid: 1,
    kind: 'session',
    command: `codex ${task ?? ''}`,
    cwd: REPO,
    workdir: REPO,
    repo: REPO,
    startedAt: '2026-01-01T09:00:00Z',
    task,
    agentId: null,
    managed: false,
    launcherPid: null,
    ...options,
  };
}

describe('findDuplicates: tasks', () => {
  it('flags a managed agent and an outside Codex with the same task, and advises stopping the outside one', () => {
    const findings = findDuplicates({
      managed: [agent('inv-1', 'Add inventory endpoints for hops')],
      unmanaged: [discovered(4242, 'add inventory endpoints for hops.')],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'same-task', agents: ['inv-1', 'pid:4242'], severity: 'high', similarity: 1 });
    expect(findings[0]!.recommendation).toMatch(/^Stop Codex pid 4242; it repeats agent "inv-1" \(inv-1\)'s task/);
  });

  it('rates a near-identical task medium and keeps the agent that started first', () => {
    const findings = findDuplicates({
      managed: [
        agent('later', 'implement CRUD endpoints for hops fermentables yeasts miscs quickly', { startedAt: '2026-01-01T11:00:00Z' }),
        agent('first', 'implement CRUD endpoints for hops fermentables yeasts miscs', { startedAt: '2026-01-01T10:00:00Z' }),
      ],
      unmanaged: [],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'medium', agents: ['first', 'later'] });
    expect(findings[0]!.recommendation).toBe(`Stop agent "later" (later); it repeats agent "first" (first)'s task.`);
    expect(findings[0]!.similarity).toBeLessThan(1);
  });

  it('advises removing a queued agent rather than stopping the running one', () => {
    const findings = findDuplicates({
      managed: [agent('queued', 'write docs', { status: 'queued', startedAt: '2026-01-01T09:00:00Z' }), agent('running', 'write docs')],
      unmanaged: [],
    });
    expect(findings[0]!.agents).toEqual(['running', 'queued']);
    expect(findings[0]!.recommendation).toMatch(/^Remove queued agent "queued"/);
  });

  it('finds nothing among different tasks, ended agents, daemons, managed processes or processes without a prompt', () => {
    expect(
      findDuplicates({
        managed: [agent('docs', 'write API documentation'), agent('done', 'update database schemas', { status: 'exited' })],
        unmanaged: [
          discovered(1, 'update database schemas'),
          discovered(2, null),
          discovered(3, 'write API documentation', { kind: 'daemon' }),
          discovered(4, 'write API documentation', { managed: true }),
        ],
      }),
    ).toEqual([]);
  });

  it('flags two outside Codex processes with the same task, keeping the older', () => {
    const findings = findDuplicates({
      managed: [],
      unmanaged: [
        discovered(20, 'fix flaky tests', { startedAt: '2026-01-01T10:00:05Z' }),
        discovered(10, 'fix flaky tests', { startedAt: '2026-01-01T10:00:00Z' }),
      ],
    });
    expect(findings.map((f) => f.agents)).toEqual([['pid:10', 'pid:20']]);
  });
});

describe('findDuplicates: claims', () => {
  it('flags managed agents whose claims cover a common path, and only those', () => {
    const findings = findDuplicates({
      managed: [
        agent('a', 'backend endpoints', { claims: ['services/backend/api/endpoints/inventory_hops.py'] }),
        agent('b', 'schema work', { claims: ['services/backend/**/*.py'], startedAt: '2026-01-01T10:05:00Z' }),
        agent('c', 'frontend', { claims: ['services/**/*.tsx'], startedAt: '2026-01-01T10:06:00Z' }),
        agent('d', 'docs', { claims: ['docs/'] }),
      ],
      unmanaged: [],
    });
    expect(findings.map((f) => [f.kind, f.agents, f.severity])).toEqual([['overlapping-claims', ['a', 'b'], 'high']]);
    expect(findings[0]!.recommendation).toBe(
      `Stop agent "b" (b) and relaunch it with --after a, or narrow its claims so they do not meet agent "a" (a)'s.`,
    );
    expect(findings[0]!.claims.sort()).toEqual(['services/backend/**/*.py', 'services/backend/api/endpoints/inventory_hops.py']);
  });

  it('rates claims it cannot check (the lock table would refuse them) medium, not safe', () => {
    const findings = findDuplicates({
      managed: [agent('x', 'one', { claims: ['/etc/hosts'] }), agent('y', 'two', { claims: ['src/'], startedAt: '2026-01-01T10:01:00Z' })],
      unmanaged: [],
    });
    expect(findings.map((f) => [f.agents, f.severity])).toEqual([[['x', 'y'], 'medium']]);
    expect(findings[0]!.reason).toContain('possibly the same files');
  });

  it('reports a pair with the same task once, as the same task', () => {
    const findings = findDuplicates({
      managed: [agent('a', 'same thing', { claims: ['x.ts'] }), agent('b', 'same thing', { claims: ['x.ts'] })],
      unmanaged: [],
    });
    expect(findings.map((f) => f.kind)).toEqual(['same-task']);
  });
});

describe("claimOverlap, by the lock table's rules", () => {
  it.each([
    ['src/a.ts', 'src/a.ts', 'certain'],
    ['./src/a.ts', 'src/a.ts', 'certain'],
    ['src/', 'src/core/x.ts', 'certain'],
    ['./', 'a/b', 'certain'],
    // Without a trailing slash a claim is one file.
    ['src', 'src/a.ts', 'none'],
    ['src/a.ts', 'src/b.ts', 'none'],
    ['src/**/*.ts', 'src/core/x.ts', 'certain'],
    ['src/**/*.ts', 'src/core/', 'certain'],
    ['src/**/*.ts', 'src/**/*.tsx', 'none'],
    ['src/*.{ts,js}', 'src/a.js', 'certain'],
    ['src/*.ts', 'test/*.ts', 'none'],
    ['/abs', 'x', 'possible'],
  ] as const)('%s and %s: %s', (a, b, expected) => {
    expect(claimOverlap(a, b)).toBe(expected);
    expect(claimOverlap(b, a)).toBe(expected);
  });
});
