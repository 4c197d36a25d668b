/**
 * `switchyard commit` against a running `serve` whose real Codex agents edited a real repository:
 * one commit per agent with exactly its files, the user's own staged change left staged, a dry
 * run that changes nothing, the --json shape, and a refusing pre-commit hook that stops the run
 * with its output and lets the next run continue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, runCli, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

interface CommitJson {
  commits: Array<{ sha: string | null; agentId: string | null; files: string[]; message: string }>;
  left: Array<{ path: string; reason: string }>;
  stop: { kind: string; message: string; output?: string } | null;
}

/** Attribution comes from Codex's hooks and the watcher, a moment after the file appears. */
const ATTRIBUTION_TIMEOUT_MS = 60_000;
/** Each commit run spawns node and dozens of git processes; on a loaded 2-core machine that takes a while. */
const TEST_TIMEOUT_MS = 240_000;

describe('switchyard commit', { timeout: TEST_TIMEOUT_MS }, () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let serve: ServeProcess;
  const ids: Record<'alpha' | 'beta', string> = { alpha: '', beta: '' };
  let stagedBefore = '';

  const commitCli = (...args: string[]) => serve.cli('commit', '--repo', repo.dir, ...args);
  const head = () => repo.git('rev-parse', 'HEAD').trim();
  /** The paths a commit changed, sorted. */
  const filesOf = (rev: string) => repo.git('show', '--name-only', '--format=', rev).trim().split('\n').sort();
  const hook = (body: string) => fs.writeFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  const launch = async (name: string, scenario: string, claims: string[]) => {
    const args = ['launch', '--repo', repo.dir, '--name', name, '--task', `Add the ${name} module [scenario:${scenario}]`, '--json'];
    const launched = await serve.cli(...args, ...claims.flatMap((c) => ['--claim', c]));
    expect(launched.stderr).toBe('');
    return (JSON.parse(launched.stdout) as { id: string }).id;
  };

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    repo.write('keep.txt', 'user base\n');
    repo.git('add', 'keep.txt');
    repo.git('commit', '-q', '-m', 'keep');
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));

    model.script('alpha', [addFileStep('src/alpha.ts', 'export const alpha = 1;'), addFileStep('src/alpha-util.ts', 'export const util = 2;')]);
    model.script('beta', [addFileStep('docs/beta.md', '# Beta')]);
    ids.alpha = await launch('alpha', 'alpha', ['src/alpha*.ts']);
    // Launch order decides commit order: alpha's commit comes first.
    await waitFor(() => repo.exists('src/alpha-util.ts'), 'alpha to write its files', ATTRIBUTION_TIMEOUT_MS);
    ids.beta = await launch('beta', 'beta', ['docs/']);
    await waitFor(() => repo.exists('docs/beta.md'), 'beta to write its file', ATTRIBUTION_TIMEOUT_MS);

    // The user's own work, staged and then edited again; no agent touched it.
    repo.write('keep.txt', 'user staged this\n');
    repo.git('add', 'keep.txt');
    repo.write('keep.txt', 'user staged this\nand kept editing\n');
    stagedBefore = repo.git('diff', '--cached', '--', 'keep.txt');
  }, 180_000);

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  it('--dry-run --json prints one commit per agent with its files, sha null, and changes nothing', async () => {
    const statusBefore = repo.git('status', '--porcelain=v1', '--untracked-files=all');
    const indexBefore = repo.git('ls-files', '-s');
    const headBefore = head();
    const plan = await waitFor(async () => {
      const run = await commitCli('--per-agent', '--dry-run', '--json');
      if (run.code !== 0) throw new Error(`commit --dry-run failed: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as CommitJson;
      // Wait until attribution has caught up with both agents' writes.
      return report.commits.length === 2 && report.commits.every((c) => c.agentId !== null) ? report : null;
    }, 'both agents to be attributed', ATTRIBUTION_TIMEOUT_MS);

    expect(Object.keys(plan).sort()).toEqual(['commits', 'left', 'stop']);
    expect(plan.commits.map((c) => ({ sha: c.sha, agentId: c.agentId, files: [...c.files].sort() }))).toEqual([
      { sha: null, agentId: ids.alpha, files: ['src/alpha-util.ts', 'src/alpha.ts'] },
      { sha: null, agentId: ids.beta, files: ['docs/beta.md'] },
    ]);
    for (const commit of plan.commits) expect(Object.keys(commit).sort()).toEqual(['agentId', 'files', 'message', 'sha']);
    expect(plan.commits[0]!.message).toContain(`Agent: alpha (${ids.alpha})`);
    // The wizard's drafting rule: the subject is the agent's task, not "Update FILE".
    expect(plan.commits.map((c) => c.message.split('\n', 1)[0])).toEqual(['Add the alpha module [scenario:alpha]', 'Add the beta module [scenario:beta]']);
    expect(plan.left).toEqual([{ path: 'keep.txt', reason: 'excluded' }]);

    const singleRun = await commitCli('--single', '--dry-run', '--json');
    expect(singleRun.code, singleRun.stderr).toBe(0);
    const single = JSON.parse(singleRun.stdout) as CommitJson;
    expect(single.commits.map((c) => ({ sha: c.sha, agentId: c.agentId, files: [...c.files].sort() }))).toEqual([
      { sha: null, agentId: null, files: ['docs/beta.md', 'src/alpha-util.ts', 'src/alpha.ts'] },
    ]);
    expect(single.commits[0]!.message).toMatch(/^Work from 2 agents: alpha, beta\n/);

    expect(head()).toBe(headBefore);
    expect(repo.git('ls-files', '-s')).toBe(indexBefore);
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe(statusBefore);
  });

  it('stops when pre-commit refuses the second commit, with the hook output, and continues after the hook is fixed', async () => {
    const base = head();
    hook('if git diff --cached --name-only | grep -q "^docs/"; then echo "docs-lint: docs/beta.md has no front matter" >&2; exit 1; fi');

    const stopped = await commitCli('--per-agent');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('docs-lint: docs/beta.md has no front matter');
    // The plan, live progress, then what was committed before the stop.
    expect(stopped.stdout).toMatch(/alpha \(alpha-[0-9a-f]{4}\): 2 file\(s\), \+2 -0/);
    expect(stopped.stdout).toContain('[1/2]');
    expect(stopped.stdout).toMatch(/committed [0-9a-f]{12} {2}alpha: 2 file\(s\)/);
    expect(stopped.stdout).toContain('not committed: beta (docs/beta.md)');

    // alpha's commit holds exactly alpha's files, on top of the old HEAD; beta's file is untouched.
    const alphaSha = head();
    expect(repo.git('rev-parse', `${alphaSha}^`).trim()).toBe(base);
    expect(filesOf(alphaSha)).toEqual(['src/alpha-util.ts', 'src/alpha.ts']);
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('MM keep.txt\n?? docs/beta.md\n');
    expect(repo.git('diff', '--cached', '--', 'keep.txt')).toBe(stagedBefore);

    hook('exit 0');
    const resumed = await commitCli('--per-agent', '--json');
    expect(resumed.stderr).toContain('keep.txt'); // the warning that the user's staged file is left out
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as CommitJson;
    expect(report.stop).toBeNull();
    expect(report.commits).toHaveLength(1);
    expect(report.commits[0]).toMatchObject({ agentId: ids.beta, files: ['docs/beta.md'] });
    expect(report.commits[0]!.sha).toBe(head());
    expect(report.left).toEqual([{ path: 'keep.txt', reason: 'excluded' }]);

    expect(repo.git('rev-parse', 'HEAD^').trim()).toBe(alphaSha);
    expect(filesOf('HEAD')).toEqual(['docs/beta.md']);
    expect(repo.git('log', '-1', '--format=%B')).toContain(`Agent: beta (${ids.beta})`);
    // The user's staged change is staged exactly as before, and still edited on top.
    expect(repo.git('diff', '--cached', '--', 'keep.txt')).toBe(stagedBefore);
    expect(repo.read('keep.txt')).toBe('user staged this\nand kept editing\n');
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('MM keep.txt\n');
  });

  it('has nothing left to commit afterwards, and says so', async () => {
    const headBefore = head();
    const again = await commitCli('--per-agent');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to commit.');
    expect(head()).toBe(headBefore);
  });

  it('refuses a missing or double strategy, and says when no Switchyard runs for the repository', async () => {
    const neither = await commitCli('--dry-run');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--per-agent');
    const both = await commitCli('--per-agent', '--single');
    expect(both.code).toBe(2);

    const other = makeTempRepo();
    try {
      const none = await runCli(serve.env, ['commit', '--repo', other.dir, '--per-agent']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`No Switchyard is running for ${other.dir}`);
    } finally {
      other.remove();
    }
  });
});
