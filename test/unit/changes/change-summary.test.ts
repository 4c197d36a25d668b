import { describe, expect, it } from 'vitest';
import { attributionEntriesOf, touchedFilesOf } from '../../../src/core/changes/change-summary';
import type { Evidence, TrackedChange } from '../../../src/core/changes/change-types';
import type { ClaimView } from '../../../src/shared/locks';

let nextId = 1;
const change = (path: string, agentId: string | null, attribution: TrackedChange['attribution'], evidence: Evidence, at: number): TrackedChange => ({
  id: nextId++,
  revision: 0,
  path,
  kind: 'modify',
  earliest: at,
  latest: at,
  observedAt: at,
  agentId,
  attribution,
  evidence,
  journalVersion: null,
  blob: null,
});
const call = { callId: 'c', agentId: 'a', command: null, startedAt: 0, endedAt: 0, sources: ['hook'] } as never;
const exact = (path: string, agentId: string, at: number) => change(path, agentId, 'exact', { rule: 'rollout-file-change', call, contenders: [] }, at);
const claim = (agentId: string, pattern: string): ClaimView =>
  ({ id: pattern, agentId, pattern, kind: 'file', mode: 'exclusive', token: 1, since: '', releasingAt: null }) as ClaimView;

describe('change summaries', () => {
  const changes = [
    change('old.txt', null, 'unattributed', { rule: 'baseline' }, 1),
    exact('src/a.ts', 'a-0001', 2),
    change('src/a.ts', 'b-0002', 'inferred', { rule: 'single-active-command', call }, 3),
    change('notes.md', null, 'unattributed', { rule: 'no-agent-active' }, 4),
    change('src/a.ts', null, 'unattributed', { rule: 'restore', fromVersion: 1 }, 5),
  ];

  it('lists touched and claimed files, never a file only changed before Switchyard started', () => {
    const files = touchedFilesOf(changes, [claim('a-0001', 'src/b.ts')], (p) => (p === 'src/b.ts' ? ['a-0001'] : []), () => 2);
    expect(files.map((f) => f.path)).toEqual(['notes.md', 'src/a.ts', 'src/b.ts']);
    const a = files.find((f) => f.path === 'src/a.ts')!;
    expect(a.touches.map((t) => [t.agentId, t.attribution])).toEqual([
      ['a-0001', 'exact'],
      ['b-0002', 'inferred'],
    ]);
    // The last change was Switchyard's own restore: nobody's work.
    expect(a.lastAgentId).toBeNull();
    expect(files.find((f) => f.path === 'src/b.ts')).toMatchObject({ touches: [], claimedBy: ['a-0001'], lastKind: null });
  });

  it('gives the commit plan one entry per path and writer, restores and the baseline left out', () => {
    expect(attributionEntriesOf(changes)).toEqual([
      { path: 'src/a.ts', agentId: 'a-0001', attribution: 'exact' },
      { path: 'src/a.ts', agentId: 'b-0002', attribution: 'inferred' },
      { path: 'notes.md', agentId: null, attribution: 'unattributed' },
    ]);
  });
});
