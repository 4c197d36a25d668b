import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentSchema, type Agent } from '../../../src/shared/domain';
import { activityLogOf, gatherHistory } from '../../../src/core/suggestions/launch-history';

const agent = (id: string, name: string, task: string): Agent =>
  AgentSchema.parse({
    id, name, task, status: 'exited', pid: null, repo: '/r', claims: [], cols: 80, rows: 24,
    startedAt: '2026-12-01T00:00:00.000Z', endedAt: null, exitCode: 0, detail: null,
  });

describe("a repository's history for suggestions", () => {
  let repo: string;
  const log = (lines: unknown[]): void => {
    fs.mkdirSync(path.dirname(activityLogOf(repo)), { recursive: true });
    fs.writeFileSync(activityLogOf(repo), `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  };
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-history-'));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("joins the registry's agents and removed agents from the log with the files the journal gives each", () => {
    log([
      { id: 'gone-1', name: 'gone', status: 'exited', task: 'fix the parser', at: '2026-12-01T00:00:00.000Z', event: 'removed' },
      // Before tasks were logged: nothing to compare with, so left out.
      { id: 'old-1', name: 'old', status: 'exited', at: '2026-12-01T00:00:00.000Z', event: 'removed' },
      // Removed once, still listed (removed is final, but a twin line must not duplicate it).
      { id: 'here-1', name: 'here', status: 'exited', task: 'stale', at: '2026-12-01T00:00:00.000Z', event: 'removed' },
      '{"torn line',
    ]);
    const writes = new Map([
      ['gone-1', new Set(['src/parser.ts'])],
      ['here-1', new Set(['README.md'])],
    ]);
    const history = gatherHistory({ repo, agents: [agent('here-1', 'here', 'write the readme')], writes });
    expect(history.agents).toEqual([
      { id: 'here-1', name: 'here', task: 'write the readme', files: ['README.md'] },
      { id: 'gone-1', name: 'gone', task: 'fix the parser', files: ['src/parser.ts'] },
    ]);
  });

  it("reads the gate's refused writes and violations back as past conflicts, only the refused paths of a refusal", () => {
    log([
      {
        id: 'a-1', reason: 'held by b', at: '2026-12-01T00:00:00.000Z', event: 'write-refused',
        writes: [{ path: 'src/x.ts', verdict: 'refused', holderAgentId: 'b-1' }, { path: 'src/ok.ts', verdict: 'allowed' }],
      },
      { id: 'a-1', mode: 'advise', at: '2026-12-01T00:01:00.000Z', event: 'write-violation', writes: [{ path: 'src/y.ts', holderAgentId: 'b-1' }] },
    ]);
    expect(gatherHistory({ repo, agents: [], writes: null }).conflicts).toEqual([
      { path: 'src/x.ts', kind: 'refused' },
      { path: 'src/y.ts', kind: 'violation' },
    ]);
  });

  it('is empty for a repository with no log and no journal', () => {
    expect(gatherHistory({ repo, agents: [], writes: null })).toEqual({ agents: [], conflicts: [] });
  });
});
