/** The lock/conflict map's tree: owners and colours' order, folding, conflicts, filters, and speed at a thousand files and more. */
import { describe, expect, it } from 'vitest';
import type { TouchedFile } from '../../../src/shared/changes';
import type { Conflict } from '../../../src/shared/conflicts';
import { BASELINE, CLAIM_ONLY, UNATTRIBUTED } from '../../../src/renderer/components/map/agent-colors';
import {
  ancestorPaths,
  buildFileTree,
  countByAgent,
  expandedByDefault,
  filterFiles,
  flattenTree,
  ownersOf,
  type MapDirNode,
} from '../../../src/renderer/components/map/file-tree';

const AT = '2026-11-24T19:00:00.000Z';

function touched(path: string, writers: Array<string | null>, extra: Partial<TouchedFile> = {}): TouchedFile {
  return {
    path,
    touches: writers.map((agentId) => ({ agentId, attribution: agentId === null ? 'unattributed' : 'exact', changes: 1, lastAt: AT })),
    lastAgentId: writers[0] ?? null,
    lastKind: writers.length > 0 ? 'modify' : null,
    lastAt: writers.length > 0 ? AT : null,
    claimedBy: [],
    baseline: false,
    versions: writers.length,
    ...extra,
  };
}

function conflict(paths: string[], severity: Conflict['severity']): Conflict {
  return { id: `overlap:${paths.join(',')}`, kind: 'overlap', severity, paths, agents: ['a', 'b'], summary: '', recommendation: '', actions: [], at: AT };
}

const names = (dir: MapDirNode): string[] => [...dir.dirs.map((d) => `${d.name}/`), ...dir.files.map((f) => f.name)];

describe('the map tree', () => {
  it('lists the latest writer first, then the others, and greys for nobody, the baseline and claims', () => {
    expect(ownersOf(touched('x', ['b', 'a'], { lastAgentId: 'a' }))).toEqual(['a', 'b']);
    expect(ownersOf(touched('x', ['a', null], { lastAgentId: null }))).toEqual([UNATTRIBUTED, 'a']);
    expect(ownersOf(touched('x', [null], { baseline: true, lastAgentId: null }))).toEqual([BASELINE]);
    expect(ownersOf(touched('x', [], { claimedBy: ['a'] }))).toEqual([CLAIM_ONLY]);
  });

  it('sorts directories before files, folds single-child chains, and counts and colours each directory', () => {
    const root = buildFileTree(
      [
        touched('src/core/changes/b.ts', ['a']),
        touched('src/core/changes/a.ts', ['b']),
        touched('src/core/changes/c.ts', ['b']),
        touched('README.md', [null]),
        touched('docs/guide.md', [], { claimedBy: ['a'] }),
      ],
      [],
    );
    expect(names(root)).toEqual(['docs/', 'src/core/changes/', 'README.md']);
    const chain = root.dirs[1]!;
    expect(chain.path).toBe('src/core/changes');
    expect(names(chain)).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(chain.shares).toEqual([{ owner: 'b', count: 2 }, { owner: 'a', count: 1 }]);
    expect(root.fileCount).toBe(5);
    expect(root.dirs[0]!.claimed).toBe(true);
    expect(chain.claimed).toBe(false);
  });

  it('draws a path that others lie under (a claimed directory) on the directory row, not as a file beside it', () => {
    const root = buildFileTree([touched('src', [], { claimedBy: ['a'] }), touched('src/x.ts', ['b'])], [conflict(['src'], 'critical')]);
    expect(names(root)).toEqual(['src/']);
    const src = root.dirs[0]!;
    expect(src.entry?.claimedBy).toEqual(['a']);
    expect(src.claimed).toBe(true);
    expect(src.conflict).toBe('critical');
    expect(names(src)).toEqual(['x.ts']);
  });

  it('marks conflicting files and every directory above them with the worst severity', () => {
    const root = buildFileTree(
      [touched('a/b/x.ts', ['a', 'b']), touched('a/b/y.ts', ['a']), touched('a/c/z.ts', ['b'])],
      [conflict(['a/b/x.ts'], 'warning'), conflict(['a/b/x.ts', 'a/c/z.ts'], 'critical'), conflict(['a/c/'], 'info')],
    );
    const [b, c] = root.dirs[0]!.dirs;
    expect(root.dirs[0]!.conflict).toBe('critical');
    expect(b!.files.map((f) => f.conflict)).toEqual(['critical', null]);
    expect(c!.conflict).toBe('critical');
  });

  it('filters by agent (written or claimed) and by unattributed, and counts per agent', () => {
    const files = [
      touched('one', ['a']),
      touched('two', ['a', 'b']),
      touched('three', [], { claimedBy: ['b'] }),
      touched('four', [null]),
      touched('five', [null], { baseline: true, lastAgentId: null }),
    ];
    expect(filterFiles(files, { kind: 'agent', agentId: 'b' }).map((f) => f.path)).toEqual(['two', 'three']);
    expect(filterFiles(files, { kind: 'unattributed' }).map((f) => f.path)).toEqual(['four']);
    expect(filterFiles(files, { kind: 'all' })).toBe(files);
    const counts = countByAgent(files);
    expect(Object.fromEntries(counts.agents)).toEqual({ a: 2, b: 2 });
    expect(counts.unattributed).toBe(1);
  });

  it('builds and flattens 2,000 files in milliseconds, and a collapsed directory adds one row', () => {
    const files: TouchedFile[] = [];
    for (let i = 0; i < 2_000; i++) {
      files.push(touched(`pkg${i % 10}/mod${i % 37}/sub${i % 3}/file${i}.ts`, [`agent-${i % 4}`, ...(i % 11 === 0 ? [`agent-${(i + 1) % 4}`] : [])]));
    }
    const conflicts = [conflict(['pkg3/mod3/sub0/file3.ts'], 'critical')];

    // CPU time, not wall time: the build machines share two cores between many jobs.
    const started = process.cpuUsage();
    const root = buildFileTree(files, conflicts);
    const collapsed = flattenTree(root, (dir, depth) => expandedByDefault(dir, depth, root.fileCount));
    const { user, system } = process.cpuUsage(started);
    const cpuMs = (user + system) / 1_000;

    expect(root.fileCount).toBe(2_000);
    expect(root.dirs).toHaveLength(10);
    expect(root.shares.map((s) => s.count).reduce((a, b) => a + b)).toBe(2_000);
    // Above the auto-expand limit, only the top level and the conflict's path are open.
    const openDirs = collapsed.filter((row) => row.kind === 'dir' && row.expanded).map((row) => row.node.path);
    expect(openDirs).toEqual(expect.arrayContaining(['pkg3', 'pkg3/mod3', 'pkg3/mod3/sub0']));
    expect(collapsed.length).toBeLessThan(500);
    expect(collapsed.find((row) => row.kind === 'file' && row.node.path === 'pkg3/mod3/sub0/file3.ts')).toBeDefined();

    const everything = flattenTree(root, () => true);
    expect(everything.filter((row) => row.kind === 'file')).toHaveLength(2_000);
    // About 10 ms on an idle machine; a quadratic step would take seconds at this size.
    expect(cpuMs).toBeLessThan(250);
    // The wall-clock limit is for a machine shared by many jobs, not a speed claim (cpuMs is).
  }, 30_000);

  it('names every directory above a file, to open them when the file is selected', () => {
    expect(ancestorPaths('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(ancestorPaths('c.ts')).toEqual([]);
  });
});
