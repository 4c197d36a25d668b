/**
 * `switchyard check` and `switchyard rollback` against a running `serve` whose real Codex agents
 * edited a real repository: the check of the agent that broke the test exits 1 with the test's
 * output, the other agent's passes, a dry run previews the rollback (files and diffs) and changes
 * nothing, and the rollback restores exactly the agent's files, leaving the one another agent
 * changed since alone. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlRequest } from '../../src/core/control/control-client';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { controlSocketOf } from '../harness/host-clients';
import { addFileStep, startModelServer, updateFileStep, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const AGENT_TIMEOUT_MS = 90_000;

describe('switchyard check and rollback', { timeout: 240_000 }, () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let serve: ServeProcess;
  const ids = { alpha: '', beta: '' };

  const cli = (...args: string[]) => serve.cli(...args, '--repo', repo.dir);
  const statusOf = async (id: string): Promise<string | undefined> => {
    const run = await cli('status', '--json');
    return (JSON.parse(run.stdout) as { agents: Array<{ id: string; status: string }> }).agents.find((a) => a.id === id)?.status;
  };
  const launch = async (name: string) => {
    const run = await cli('launch', '--name', name, '--task', `${name} [scenario:${name}]`, '--json');
    expect(run.stderr).toBe('');
    const id = (JSON.parse(run.stdout) as { id: string }).id;
    await waitFor(async () => (await statusOf(id)) === 'finished', `${name} to finish its task`, AGENT_TIMEOUT_MS);
    return id;
  };

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    repo.write('value.txt', 'ok\n');
    repo.write('shared.txt', 'base\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'value');
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    const set = await controlRequest(controlSocketOf(repo.dir, serve), 'settings.set', { testCommand: 'cat value.txt; grep -qx ok value.txt', claimOnWrite: false }, 10_000);
    expect(set.ok).toBe(true);
    model.script('alpha', [updateFileStep('value.txt', 'ok', ['broken']), addFileStep('src/alpha.ts', 'export const alpha = 1;'), updateFileStep('shared.txt', 'base', ['alpha'])]);
    model.script('beta', [addFileStep('docs/beta.md', '# beta'), updateFileStep('shared.txt', 'alpha', ['beta'])]);
    ids.alpha = await launch('alpha');
    ids.beta = await launch('beta');
  }, 200_000);

  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  it("check exits 1 with the test's output for the agent that broke it, and 0 for the other", async () => {
    const alpha = await cli('check', 'alpha');
    expect(alpha.code).toBe(1);
    expect(alpha.stdout).toContain(`Check of alpha (${ids.alpha}): failed (exit 1)`);
    expect(alpha.stdout).toContain('on HEAD plus 3 file(s) of the agent: shared.txt, src/alpha.ts, value.txt');
    expect(alpha.stdout).toContain('\nbroken');
    expect(alpha.stdout).toContain(`switchyard rollback ${ids.alpha} --dry-run`);
    expect(alpha.stderr).toContain('The check of alpha failed.');

    const beta = await cli('check', ids.beta, '--json');
    expect(beta.code, beta.stderr).toBe(0);
    expect(JSON.parse(beta.stdout)).toMatchObject({ agentId: ids.beta, state: 'passed', trigger: 'manual', output: 'ok\n', files: ['docs/beta.md', 'shared.txt'] });
  });

  it('rollback --dry-run lists the files with their diffs and changes nothing', async () => {
    const status = repo.git('status', '--porcelain=v1', '--untracked-files=all');
    const run = await cli('rollback', 'alpha', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Rolling back alpha (${ids.alpha}): 2 file(s)`);
    expect(run.stdout).toMatch(/delete {3}src\/alpha\.ts/);
    expect(run.stdout).toMatch(/restore {2}value\.txt/);
    expect(run.stdout).toContain(`shared.txt  (changed since by ${ids.beta})`);
    expect(run.stdout).toContain('-broken');
    expect(run.stdout).toContain('+ok');
    expect(run.stdout).toContain('Dry run: nothing was changed.');
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe(status);
  });

  it("rollback restores exactly the agent's files and leaves the other agent's alone; the check passes again", async () => {
    const run = await cli('rollback', 'alpha');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 file(s) restored');
    expect(repo.read('value.txt')).toBe('ok\n');
    expect(repo.exists('src/alpha.ts')).toBe(false);
    expect(repo.read('shared.txt')).toBe('beta\n');
    expect(repo.read('docs/beta.md')).toBe('# beta\n');

    const again = await cli('check', 'alpha');
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('passed');
  });
});
