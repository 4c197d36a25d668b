/** The attribution rules and their bookkeeping: every rule, late evidence, revisions, the user's word. */
import { beforeEach, describe, expect, it } from 'vitest';
import { AttributionIndex, EVIDENCE_GRACE_MS } from '../../../src/core/changes/attribution-index';
import type { ActivityEvent, ObservedChange, TrackedChange } from '../../../src/core/changes/change-types';

const REPO = '/repo';
const T = 1_800_000_000_000;

describe('AttributionIndex', () => {
  let now: number;
  let index: AttributionIndex;
  const change = (path: string, at: number, kind: ObservedChange['kind'] = 'modify'): ObservedChange => ({
    path,
    kind,
    earliest: at,
    latest: at,
    observedAt: at + 30,
  });
  const hookCall = (agentId: string, callId: string, at: number, command: string): ActivityEvent => ({
    type: 'call-started',
    agentId,
    callId,
    at,
    command,
    cwd: REPO,
    source: 'hook',
  });
  const ended = (agentId: string, callId: string, at: number): ActivityEvent => ({ type: 'call-ended', agentId, callId, at, source: 'hook' });
  /** Observes a change and lets its grace period pass; returns the verdict delivered. */
  const settle = (observed: ObservedChange): TrackedChange => {
    const immediate = index.observe(observed);
    if (immediate) return immediate;
    now = observed.observedAt + EVIDENCE_GRACE_MS;
    const delivered = index.tick().find((c) => c.path === observed.path);
    if (!delivered) throw new Error(`nothing delivered for ${observed.path}`);
    return delivered;
  };

  beforeEach(() => {
    now = T;
    index = new AttributionIndex({ repo: REPO, clock: () => now });
  });

  describe('exact', () => {
    it("rollout-file-change: the agent's apply_patch lists the path at that moment", () => {
      index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'call_1', startedAt: T, endedAt: T + 100, paths: ['src/a.ts'] });
      const result = index.observe(change('src/a.ts', T + 90));
      expect(result).toEqual(
        expect.objectContaining({
          agentId: 'a',
          attribution: 'exact',
          evidence: { rule: 'rollout-file-change', call: expect.objectContaining({ agentId: 'a', callId: 'call_1', sources: ['rollout'] }), contenders: [] },
        }),
      );
    });

    it('rollout-file-change arriving after the change is seen delivers the waiting change at once', () => {
      expect(index.observe(change('src/a.ts', T + 90))).toBeNull();
      const delivered = index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'call_1', startedAt: T, endedAt: T + 100, paths: ['src/a.ts'] });
      expect(delivered).toEqual([expect.objectContaining({ path: 'src/a.ts', agentId: 'a', attribution: 'exact', revision: 0 })]);
      expect(index.tick()).toEqual([]);
    });

    it('a FileChange long before the change (an earlier patch) is not evidence for it', () => {
      index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'call_1', startedAt: T, endedAt: T + 100, paths: ['src/a.ts'] });
      expect(settle(change('src/a.ts', T + 5_000)).evidence).toEqual({ rule: 'no-agent-active' });
    });

    it.each([
      ['a redirection', 'echo hi > out/result.txt', 'out/result.txt'],
      ['an apply_patch heredoc', "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: docs/new.md\n+hi\n*** End Patch\nEOF\n", 'docs/new.md'],
      ['sed -i', "sed -i 's/a/b/' src/x.ts", 'src/x.ts'],
      ['rm -rf of a folder', 'rm -rf build', 'build/app.js'],
      ['a glob', 'rm -f logs/*.txt', 'logs/today.txt'],
    ])('command-writes-path: a PreToolUse command that writes the path (%s)', (_what, command, path) => {
      index.noteActivity(hookCall('a', 'call_1', T, command));
      const result = index.observe(change(path, T + 40));
      expect(result).toEqual(expect.objectContaining({ agentId: 'a', attribution: 'exact', evidence: expect.objectContaining({ rule: 'command-writes-path' }) }));
    });

    it('command-writes-path from the rollout CommandExecution, with its own start and end', () => {
      index.noteActivity({ type: 'command-ran', agentId: 'b', callId: 'call_2', startedAt: T, endedAt: T + 500, command: 'echo x > b.txt', cwd: REPO });
      expect(index.observe(change('b.txt', T + 200))).toEqual(expect.objectContaining({ agentId: 'b', attribution: 'exact' }));
    });

    it('when two agents wrote the file, the last writer gets it and the other is named as a contender', () => {
      index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'call_a', startedAt: T, endedAt: T + 50, paths: ['shared.txt'] });
      index.noteActivity({ type: 'files-changed', agentId: 'b', callId: 'call_b', startedAt: T + 100, endedAt: T + 150, paths: ['shared.txt'] });
      const result = index.observe(change('shared.txt', T + 140))!;
      expect(result.agentId).toBe('b');
      expect(result.evidence).toEqual(expect.objectContaining({ rule: 'rollout-file-change', contenders: ['a'] }));
    });

    it('a write is not given to an agent whose own write to the file started just after it (a ping-pong seen late)', () => {
      // ping wrote A1 long ago and its call is still open; pong writes B1; ping answers within the
      // slack with A2, and the watcher reports B1 only after that: B1 is pong's.
      index.noteActivity(hookCall('ping', 'call_a1', T - 2_000, "printf 'A1\\n' > rally.txt"));
      index.noteActivity(hookCall('pong', 'call_b1', T - 300, "printf 'B1\\n' > rally.txt"));
      index.noteActivity(ended('pong', 'call_b1', T + 20));
      index.noteActivity(hookCall('ping', 'call_a2', T + 150, "printf 'A2\\n' > rally.txt"));
      const result = settle(change('rally.txt', T));
      expect(result).toEqual(expect.objectContaining({ agentId: 'pong', attribution: 'exact', evidence: expect.objectContaining({ rule: 'command-writes-path', contenders: ['ping'] }) }));
    });

    it('an apply_patch FileChange outranks a command that also writes the path', () => {
      index.noteActivity(hookCall('a', 'call_a', T, 'echo x > f.txt'));
      index.noteActivity({ type: 'files-changed', agentId: 'b', callId: 'call_b', startedAt: T + 10, endedAt: T + 60, paths: ['f.txt'] });
      expect(index.observe(change('f.txt', T + 50))).toEqual(expect.objectContaining({ agentId: 'b', evidence: expect.objectContaining({ rule: 'rollout-file-change' }) }));
    });
  });

  describe('inferred', () => {
    it('single-active-command: the only agent running a command at that moment', () => {
      index.noteActivity(hookCall('a', 'call_1', T, 'npm run generate'));
      const result = settle(change('src/generated.ts', T + 300));
      expect(result).toEqual(
        expect.objectContaining({
          agentId: 'a',
          attribution: 'inferred',
          evidence: { rule: 'single-active-command', call: expect.objectContaining({ callId: 'call_1', command: 'npm run generate', endedAt: null }) },
        }),
      );
    });

    it('single-active-command uses the span between PreToolUse and PostToolUse, widened by a little slack', () => {
      index.noteActivity(hookCall('a', 'call_1', T, 'make'));
      index.noteActivity(ended('a', 'call_1', T + 1_000));
      expect(settle(change('out.bin', T + 1_100)).evidence.rule).toBe('single-active-command');
      expect(settle(change('later.bin', T + 3_000)).evidence.rule).toBe('no-agent-active');
    });

    it('command-mentions-path: several agents are running commands, only one names the file', () => {
      index.noteActivity(hookCall('a', 'call_a', T, 'python tools/fix.py notes.md'));
      index.noteActivity(hookCall('b', 'call_b', T, 'npm test'));
      expect(settle(change('notes.md', T + 100))).toEqual(
        expect.objectContaining({ agentId: 'a', attribution: 'inferred', evidence: expect.objectContaining({ rule: 'command-mentions-path', active: ['a', 'b'] }) }),
      );
    });

    it('sole-claimant: several agents are running commands, only one of them claims the file', () => {
      index.setClaims('a', ['src/api/']);
      index.setClaims('b', ['docs/**/*.md']);
      index.noteActivity(hookCall('a', 'call_a', T, 'npm run build'));
      index.noteActivity(hookCall('b', 'call_b', T, 'npm run lint'));
      expect(settle(change('docs/guide/intro.md', T + 100))).toEqual(
        expect.objectContaining({ agentId: 'b', attribution: 'inferred', evidence: { rule: 'sole-claimant', agentId: 'b', claim: 'docs/**/*.md', active: ['a', 'b'] } }),
      );
    });
  });

  describe('not blamed on an agent', () => {
    it('several-agents-active: nothing singles one out', () => {
      index.noteActivity(hookCall('a', 'call_a', T, 'npm run build'));
      index.noteActivity(hookCall('b', 'call_b', T, 'npm run lint'));
      expect(settle(change('package-lock.json', T + 100))).toEqual(
        expect.objectContaining({ agentId: null, attribution: 'unattributed', evidence: { rule: 'several-agents-active', active: ['a', 'b'] } }),
      );
    });

    it("a user's edit while no agent runs anything stays unattributed, even in a file an agent claims", () => {
      index.setClaims('a', ['src/']);
      index.noteActivity(hookCall('a', 'call_a', T, 'echo x > src/a.ts'));
      index.noteActivity(ended('a', 'call_a', T + 200));
      const result = settle(change('src/a.ts', T + 10_000));
      expect(result).toEqual(expect.objectContaining({ agentId: null, attribution: 'unattributed', evidence: { rule: 'no-agent-active' } }));
    });

    it('an agent that went quiet (Stop, finished, exited) is not running its unfinished calls any more', () => {
      index.noteActivity(hookCall('a', 'call_a', T, 'apply_patch <<EOF\n*** Begin Patch\n*** Add File: x.txt\n+x\n*** End Patch\nEOF'));
      index.noteActivity({ type: 'agent-quiet', agentId: 'a', at: T + 500 });
      expect(settle(change('y.txt', T + 5_000)).evidence.rule).toBe('no-agent-active');
    });

    it('changes already there at start are baseline and no later event re-attributes them', () => {
      const baseline = index.addBaseline(change('wip.txt', T - 60_000));
      expect(baseline).toEqual(expect.objectContaining({ attribution: 'unattributed', agentId: null, evidence: { rule: 'baseline' } }));
      expect(index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'c', startedAt: T - 60_100, endedAt: T - 59_900, paths: ['wip.txt'] })).toEqual([]);
      expect(index.changes()[0]!.evidence.rule).toBe('baseline');
    });
  });

  describe('late evidence, the grace period and the user', () => {
    it('a change no event names waits for the grace period and is not listed meanwhile', () => {
      expect(index.observe(change('a.txt', T))).toBeNull();
      expect(index.changes()).toEqual([]);
      expect(index.nextDeadline()).toBe(T + 30 + EVIDENCE_GRACE_MS);
      now = T + 30 + EVIDENCE_GRACE_MS - 1;
      expect(index.tick()).toEqual([]);
      now += 1;
      expect(index.tick()).toEqual([expect.objectContaining({ path: 'a.txt', revision: 0 })]);
      expect(index.nextDeadline()).toBeNull();
    });

    it('stronger evidence arriving after delivery revises the verdict (revision 1), weaker does not', () => {
      index.noteActivity(hookCall('a', 'call_a', T, 'npm run build'));
      expect(settle(change('dist.txt', T + 100))).toEqual(expect.objectContaining({ agentId: 'a', evidence: expect.objectContaining({ rule: 'single-active-command' }) }));
      expect(index.noteActivity(hookCall('c', 'call_c', T + 50, 'ls'))).toEqual([]);
      const revised = index.noteActivity({ type: 'files-changed', agentId: 'b', callId: 'call_b', startedAt: T + 60, endedAt: T + 120, paths: ['dist.txt'] });
      expect(revised).toEqual([expect.objectContaining({ path: 'dist.txt', agentId: 'b', attribution: 'exact', revision: 1 })]);
      expect(index.changes()).toEqual([expect.objectContaining({ agentId: 'b', revision: 1 })]);
    });

    it("the user assigns an unattributed change; the previous evidence is kept and agents' exact events are not overridden", () => {
      settle(change('mystery.txt', T));
      index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'c1', startedAt: T + 5_000, endedAt: T + 5_050, paths: ['mystery.txt'] });
      now = T + 5_040;
      index.observe(change('mystery.txt', T + 5_040));
      const assigned = index.assign('mystery.txt', 'b');
      expect(assigned).toEqual([
        expect.objectContaining({ agentId: 'b', attribution: 'exact', revision: 1, evidence: { rule: 'user', agentId: 'b', previous: { rule: 'no-agent-active' } } }),
      ]);
      expect(index.changes().map((c) => c.agentId)).toEqual(['b', 'a']);
      // Later evidence never overrides what the user said.
      expect(index.noteActivity({ type: 'files-changed', agentId: 'c', callId: 'c2', startedAt: T - 10, endedAt: T + 10, paths: ['mystery.txt'] })).toEqual([]);
      expect(() => index.assign('never-seen.txt', 'b')).toThrow(/No change of never-seen.txt/);
    });
  });

  describe('after a restart', () => {
    it("does not blame a later change on an agent whose replayed log holds a call that never ended before it went quiet", () => {
      // The agent is quiet (stopped) when its rollout is read from the start: a call without an end replays.
      index.noteActivity({ type: 'agent-quiet', agentId: 'a', at: T + 1_000 });
      index.noteActivity(hookCall('a', 'call_1', T, 'echo hi'));
      expect(settle(change('notes.txt', T + 5_000))).toEqual(
        expect.objectContaining({ agentId: null, attribution: 'unattributed', evidence: { rule: 'no-agent-active' } }),
      );
    });

    it("keeps a rebuilt verdict against replayed activity, and lets an agent's own event prove only an interrupted one", () => {
      const userEdit = index.addSettled(change('notes.txt', T), { attribution: 'unattributed', agentId: null, evidence: { rule: 'no-agent-active' } }, undefined, { rebuilt: true });
      const interrupted = index.addSettled(change('src/a.ts', T), { attribution: 'unattributed', agentId: null, evidence: { rule: 'interrupted' } }, undefined, { rebuilt: true });
      const revised = index.noteActivity({ type: 'files-changed', agentId: 'a', callId: 'call_1', startedAt: T - 10, endedAt: T + 10, paths: ['src/a.ts'] });
      expect(revised).toEqual([expect.objectContaining({ id: interrupted.id, agentId: 'a', attribution: 'exact', revision: 1 })]);
      expect(index.changes().find((c) => c.id === userEdit.id)).toEqual(expect.objectContaining({ agentId: null, evidence: { rule: 'no-agent-active' } }));
    });
  });
});
