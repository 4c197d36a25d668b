/** The commit service on a real repository: plan warnings, the user's staged work, diffs, runs with progress and the test command. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributionEntry } from '../../../src/core/commit/commit-plan';
import type { CommitProgress } from '../../../src/core/commit/commit-result';
import { CommitService, type PlanRequest } from '../../../src/core/commit/commit-service';
import { AgentSchema, type Agent } from '../../../src/shared/domain';
import { SwitchyardError } from '../../../src/shared/result';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const PER_AGENT: PlanRequest = { strategy: 'per-agent', conventional: false, messageFromTask: true };

const agentNamed = (id: string, task: string, startedAt: string): Agent =>
  AgentSchema.parse({ id, name: id, task, status: 'finished', pid: null, repo: '/r', claims: [], cols: 80, rows: 24, startedAt, endedAt: null, exitCode: null, detail: null });

// Real git on a shared 2-core machine: a run is many git processes.
const GIT_TEST_TIMEOUT_MS = 60_000;

describe('CommitService', { timeout: GIT_TEST_TIMEOUT_MS }, () => {
  let repo: TempRepo;
  let attribution: AttributionEntry[];
  let testCommand: string | null;
  let progress: CommitProgress[];
  let service: CommitService;

  beforeEach(() => {
    repo = makeTempRepo();
    attribution = [];
    testCommand = null;
    progress = [];
    service = new CommitService({
      repo: () => repo.dir,
      agents: () => [agentNamed('alice', 'Add the parser', '2026-01-01T00:00:00Z'), agentNamed('bob', 'Write the guide', '2026-01-01T00:01:00Z')],
      attribution: () => attribution,
      testCommand: () => testCommand,
      onProgress: (p) => progress.push(p),
    });
  });
  afterEach(() => repo.remove());

  const exact = (agentId: string | null, p: string): AttributionEntry => ({ path: p, agentId, attribution: agentId ? 'exact' : 'unattributed' });

  it('leaves a file the user staged out of the plan unless an agent provably wrote it', async () => {
    repo.write('README.md', 'staged by the user\n');
    repo.git('add', 'README.md');
    repo.write('notes.txt', 'staged, only inferred\n');
    repo.git('add', 'notes.txt');
    repo.write('parser.ts', 'export {};\n');
    repo.git('add', 'parser.ts'); // the agent ran git add itself
    attribution = [
      exact('alice', 'parser.ts'),
      // Both agents were active when the user wrote it: inferred for both, which alone would make it undecided.
      { path: 'notes.txt', agentId: 'bob', attribution: 'inferred' },
      { path: 'notes.txt', agentId: 'alice', attribution: 'inferred' },
    ];

    const { plan, warnings } = await service.plan(PER_AGENT);
    expect(plan.groups.find((g) => g.id === 'agent:alice')!.files.map((f) => f.path)).toEqual(['parser.ts']);
    expect(plan.groups.flatMap((g) => g.excluded).sort()).toEqual(['README.md', 'notes.txt']);
    expect(plan.undecided).toEqual([]);
    expect(warnings.join('\n')).toMatch(/2 files you staged yourself .* \(README\.md, notes\.txt\)/);
  });

  it('warns about a detached HEAD, undecided files, and nothing to commit', async () => {
    expect((await service.plan(PER_AGENT)).warnings).toEqual(['Nothing to commit: the working tree matches HEAD.']);

    repo.git('checkout', '-q', '--detach');
    repo.write('shared.ts', 'both\n');
    attribution = [exact('alice', 'shared.ts'), exact('bob', 'shared.ts')];
    const { plan, warnings } = await service.plan(PER_AGENT);
    expect(plan.base.ref).toBeNull();
    expect(warnings[0]).toMatch(/^HEAD is detached/);
    expect(warnings).toContainEqual(expect.stringMatching(/^1 file changed by several agents needs a group \(shared\.ts\); until then it stays uncommitted/));
    expect(warnings).toContain('Nothing to commit: every change is excluded or undecided.');
  });

  it("drafts messages from the agent's task only when asked", async () => {
    repo.write('parser.ts', 'export {};\n');
    attribution = [exact('alice', 'parser.ts')];
    const fromTask = (await service.plan(PER_AGENT)).plan.groups[0]!.message;
    const fromFiles = (await service.plan({ ...PER_AGENT, messageFromTask: false })).plan.groups[0]!.message;
    expect(fromTask.split('\n')[0]).toBe('Add the parser');
    expect(fromFiles).not.toMatch(/Add the parser/);
  });

  it('turns a refused edit into an invalid-input error with the reason', async () => {
    repo.write('parser.ts', 'export {};\n');
    attribution = [exact('alice', 'parser.ts')];
    const { plan } = await service.plan(PER_AGENT);
    expect((await service.edit(plan, { type: 'exclude-file', path: 'parser.ts' })).plan.groups[0]!.excluded).toEqual(['parser.ts']);
    let error: unknown;
    try {
      await service.edit(plan, { type: 'move-file', path: 'parser.ts', toGroupId: 'agent:nobody' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('agent:nobody') });
  });

  describe('diff', () => {
    it('shows a modified file with full context and its -U0 hunks', async () => {
      const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
      repo.write('long.txt', `${lines.join('\n')}\n`);
      repo.git('add', 'long.txt');
      repo.git('commit', '-q', '-m', 'long');
      lines[1] = 'changed 2';
      lines[24] = 'changed 25';
      repo.write('long.txt', `${lines.join('\n')}\n`);
      const { diff, hunks, binary } = await service.diff('long.txt');
      expect(binary).toBe(false);
      expect(diff).toContain(' line 13\n'); // far from both changes: only full context shows it
      expect(diff).toContain('-line 2\n+changed 2\n');
      expect(hunks).toEqual([
        { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 },
        { oldStart: 25, oldLines: 1, newStart: 25, newLines: 1 },
      ]);
    });

    it('shows an untracked file with spaces in its name as an addition', async () => {
      repo.write('new dir/a file.txt', 'one\ntwo\n');
      const { diff, hunks } = await service.diff('new dir/a file.txt');
      expect(diff).toContain('new file mode');
      expect(diff).toContain('+one\n+two\n');
      expect(hunks).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }]);
    });

    it('shows a staged rename from its old path, and a binary file as binary', async () => {
      repo.git('mv', 'README.md', 'READ ME.md');
      const renamed = await service.diff('READ ME.md');
      expect(renamed.diff).toContain('rename from README.md');
      expect(renamed.hunks).toEqual([]);

      repo.write('logo.bin', '');
      fs.writeFileSync(path.join(repo.dir, 'logo.bin'), Buffer.from([0, 1, 2, 0, 255]));
      expect((await service.diff('logo.bin')).binary).toBe(true);
    });

    it('says when a path has no change', async () => {
      await expect(service.diff('nowhere.txt')).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('run', () => {
    const planned = async () => {
      repo.write('parser.ts', 'export {};\n');
      repo.write('guide.md', '# Guide\n');
      attribution = [exact('alice', 'parser.ts'), exact('bob', 'guide.md')];
      return (await service.plan(PER_AGENT)).plan;
    };

    it('commits with progress and refuses a second run while one is going', async () => {
      const plan = await planned();
      const [first, second] = await Promise.allSettled([
        service.run({ plan, skipHooks: false, runTests: true }),
        service.run({ plan, skipHooks: false, runTests: true }),
      ]);
      expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'completed' } });
      expect(second).toMatchObject({ status: 'rejected', reason: { code: 'unavailable' } });
      expect(repo.git('log', '--format=%s', '-2').trim().split('\n')).toEqual(['Write the guide', 'Add the parser']);
      expect(progress.filter((p) => p.step === 'commit').map((p) => `${p.unit}/${p.units}`)).toEqual(['1/2', '2/2']);
    });

    it("runs the repository's test command when asked, and stops on its failure", async () => {
      const plan = await planned();
      testCommand = 'echo "3 tests failed"; exit 1';
      const refused = await service.run({ plan, skipHooks: false, runTests: true });
      expect(refused.stop).toMatchObject({ kind: 'test-failed', output: '3 tests failed\n' });
      expect(refused.committed).toEqual([]);

      const untested = await service.run({ plan, skipHooks: false, runTests: false });
      expect(untested.status).toBe('completed');
      expect(untested.committed).toHaveLength(2);
    });
  });
});
