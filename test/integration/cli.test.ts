/** The `switchyard` command line against a running `serve`, with the real Codex CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { codexUnderTest } from '../harness/codex-under-test';
import { connectWs } from '../harness/host-clients';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import { APP_ROOT, cliEnv, runCli, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

interface ReviewJson {
  groups: Array<{ agentId: string | null; files: Array<{ path: string; attribution: string; added: number; removed: number }> }>;
  conflicts: Array<{ kind: string; severity: string; paths: string[]; agents: Array<string | null>; recommendation: string }>;
}

describe('switchyard CLI', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let serve: ServeProcess;

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
  });
  afterAll(async () => {
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  it('--help lists the commands for people (not hook and mcp, which Codex runs); --version prints the version', async () => {
    const { code, stdout } = await serve.cli('--help');
    expect(code).toBe(0);
    const listed = [...stdout.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]);
    expect(listed).toEqual(['serve', 'launch', 'templates', 'review', 'metrics', 'commit', 'check', 'rollback', 'status', 'stop', 'rm', 'move-to-shared', 'rename', 'monitor', 'cleanup', 'locks', 'lock', 'unlock', 'message', 'messages', 'url', 'connect', 'help']);
    const { version } = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await serve.cli(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    // Through commander too (a second argument leaves the quick path).
    expect((await serve.cli('--version', '--help')).stdout).toBe(`${version}\n`);
  });

  it("asks for a repository instead of taking Switchyard's own folder when --repo is left out", async () => {
    for (const args of [['status'], ['review', '--json'], ['commit', '--single', '--dry-run']]) {
      const result = await serve.cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toBe(`switchyard: ${APP_ROOT} is Switchyard's own folder, not a repository to work on: pass --repo <path>, or run the command from inside your repository.\n`);
    }
  });

  it('url prints the address serve printed, token included, for any folder of the repository', async () => {
    repo.write('deep/folder/.keep', '');
    const printed = await serve.cli('url', '--repo', `${repo.dir}/deep/folder`);
    expect(printed).toEqual({ code: 0, stdout: `${serve.url}\n`, stderr: '' });
  });

  it('serve printed one line with the loopback URL and token', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
  });

  it('launch, status and stop an agent that really edits the repository', async () => {
    model.script('cli-agent', [addFileStep('from-cli.txt', 'written by the cli agent')]);
    const launched = await serve.cli(
      'launch', '--repo', repo.dir, '--name', 'cli agent', '--task', 'write it [scenario:cli-agent]', '--claim', 'from-cli.txt', '--json',
    );
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    const { id } = JSON.parse(launched.stdout) as { id: string };
    expect(id).toMatch(/^cli-agent-[0-9a-f]{4}$/);

    // apply_patch creates the file, then fills it: wait for the content, not the name.
    await waitFor(() => repo.exists('from-cli.txt') && repo.read('from-cli.txt') === 'written by the cli agent\n', 'the agent to write from-cli.txt');

    // status from a subfolder of the repository finds the same instance.
    repo.write('sub/dir/.keep', '');
    const status = await serve.cli('status', '--repo', `${repo.dir}/sub/dir`, '--json');
    expect(status.code).toBe(0);
    const { agents, codex } = JSON.parse(status.stdout) as { agents: Array<Record<string, unknown>>; codex: Record<string, unknown> };
    expect(agents).toHaveLength(1);
    // Which Codex runs, as the harness found it (SWITCHYARD_CODEX_PATH or PATH or bundled).
    const expected = codexUnderTest(serve.env);
    expect(codex).toMatchObject({ path: expected.path, source: expected.source, reason: expected.reason, error: null, warning: null });
    expect(codex.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(agents[0]!).sort()).toEqual(['detail', 'id', 'name', 'pid', 'status', 'task']);
    expect(agents[0]).toMatchObject({ id, name: 'cli agent', task: 'write it [scenario:cli-agent]' });
    expect(['starting', 'ready', 'working', 'finished', 'waiting-for-input']).toContain(agents[0]!.status);

    const stopped = await serve.cli('stop', '--repo', repo.dir, 'cli agent');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout.trim()).toBe(`${id} stopped`);
    expect(processesOfAgent(id)).toEqual([]);

    const table = await serve.cli('status', '--repo', repo.dir);
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+cli agent\\s+stopped`));
    expect(table.stdout.split('\n')[0]).toBe(`Codex ${String(codex.version)} (${expected.reason}) ${expected.path}`);
  });

  it('launch refuses a claim outside the repository, suffixes a taken name, and rename and rm manage agents by name', async () => {
    const outside = await serve.cli('launch', '--repo', repo.dir, '--name', 'escaper', '--task', 'x [scenario:cli-none]', '--claim', '../outside.txt');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('Cannot claim ../outside.txt');
    expect(outside.stderr).toContain('outside the repository');

    // "cli agent" (stopped, above) still has its name: the new one is suffixed, and told so on stderr.
    const twin = await serve.cli('launch', '--repo', repo.dir, '--name', 'cli agent', '--task', 'nothing [scenario:cli-none]');
    expect(twin.code).toBe(0);
    expect(twin.stderr.trim()).toBe('Another agent is already named "cli agent", so this one is "cli agent (2)".');
    const twinId = twin.stdout.trim();
    const listed = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as { agents: Array<{ id: string; name: string }> };
    expect(listed.agents.map((a) => a.name)).toEqual(['cli agent', 'cli agent (2)']);
    expect(listed.agents.find((a) => a.name === 'escaper')).toBeUndefined();

    const running = await serve.cli('rm', '--repo', repo.dir, 'cli agent (2)');
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(/stop it before removing it/);
    const clash = await serve.cli('rename', '--repo', repo.dir, 'cli agent (2)', 'cli agent');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('Another agent is already named "cli agent"');
    const renamed = await serve.cli('rename', '--repo', repo.dir, 'cli agent (2)', 'scratch');
    expect(renamed.stdout.trim()).toBe(`${twinId} scratch`);
    expect((await serve.cli('stop', '--repo', repo.dir, 'scratch')).stdout.trim()).toBe(`${twinId} stopped`);
    const removed = await serve.cli('rm', '--repo', repo.dir, 'scratch');
    expect(removed.code).toBe(0);
    expect(removed.stdout.trim()).toBe(`removed ${twinId} (scratch)`);
    const after = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as { agents: Array<{ id: string }> };
    expect(after.agents.map((a) => a.id)).not.toContain(twinId);
    expect(after.agents).toHaveLength(1);
  });

  it('review groups the changes by the agent that made them, the user edit apart', async () => {
    repo.write('notes-by-user.txt', 'the user wrote this\n');
    const review = await waitFor(async () => {
      const run = await serve.cli('review', '--repo', repo.dir, '--json');
      const report = JSON.parse(run.stdout) as ReviewJson;
      const user = report.groups.find((g) => g.agentId === null);
      return run.code === 0 && user?.files.some((f) => f.path === 'notes-by-user.txt') ? report : null;
    }, 'the review to list the user edit');
    const byAgent = review.groups.find((g) => g.files.some((f) => f.path === 'from-cli.txt'))!;
    expect(byAgent.agentId).toMatch(/^cli-agent-[0-9a-f]{4}$/);
    expect(byAgent.files.find((f) => f.path === 'from-cli.txt')).toEqual({ path: 'from-cli.txt', attribution: 'exact', added: 1, removed: 0 });
    const user = review.groups.find((g) => g.agentId === null)!;
    expect(user.files.find((f) => f.path === 'notes-by-user.txt')).toMatchObject({ attribution: 'unattributed', added: 1 });
    expect(Array.isArray(review.conflicts)).toBe(true);

    const human = await serve.cli('review', '--repo', repo.dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('cli agent');
    expect(human.stdout).toContain('from-cli.txt');
    expect(human.stdout).toMatch(/Suggested: (per-agent|single) commits/);
  });

  it('metrics prints the agents\' figures as JSON and as a table, and one agent by name', async () => {
    interface MetricsJson {
      agents: Array<{ id: string; name: string; tokens: { input: number; output: number; total: number }; modelTurns: number; edits: number }>;
      totals: { tokens: { total: number } };
    }
    const all = await serve.cli('metrics', '--repo', repo.dir, '--json');
    expect(all.code).toBe(0);
    const report = JSON.parse(all.stdout) as MetricsJson;
    const agent = report.agents.find((a) => a.name === 'cli agent')!;
    expect(agent.modelTurns).toBeGreaterThan(0);
    expect(agent.tokens.total).toBe(agent.tokens.input + agent.tokens.output);
    expect(report.totals.tokens.total).toBe(report.agents.reduce((s, a) => s + a.tokens.total, 0));

    const one = await serve.cli('metrics', '--repo', repo.dir, 'cli agent');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^agent\s+status\s+wall\s+working/);
    expect(one.stdout).toContain('cli agent');
    expect(one.stdout).not.toContain('all agents');
    const missing = await serve.cli('metrics', '--repo', repo.dir, 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No metrics for an agent "nobody"');
  });

  it('says clearly when an agent or a running instance does not exist', async () => {
    const missing = await serve.cli('stop', '--repo', repo.dir, 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No agent "nobody"');

    const other = makeTempRepo();
    try {
      const none = await runCli(serve.env, ['status', '--repo', other.dir]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`No Switchyard is running for ${other.dir}`);
      const noUrl = await runCli(serve.env, ['url', '--repo', other.dir]);
      expect(noUrl.code).toBe(2);
      expect(noUrl.stderr).toContain(`No Switchyard is running for ${other.dir}`);
    } finally {
      other.remove();
    }
  });

  it('lock, locks and unlock manage claims from the command line', async () => {
    // The agent stopped above keeps its claim for the lock delay (its last writes land as its
    // own); the CLI is fast enough now to get here before that ends.
    await waitFor(async () => {
      const held = await serve.cli('locks', '--repo', repo.dir, '--json');
      return (JSON.parse(held.stdout) as { claims: Array<{ agentId: string | null }> }).claims.every((c) => c.agentId === null);
    }, 'the stopped agent to release its claims');
    const locked = await serve.cli('lock', '--repo', repo.dir, 'src/', 'docs/*.md', '--shared');
    expect(locked.code).toBe(0);
    expect(locked.stdout).toMatch(/granted src\/ \(shared, token \d+\)/);
    const outside = await serve.cli('lock', '--repo', repo.dir, '../elsewhere.txt');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('outside the repository');

    const listed = await serve.cli('locks', '--repo', repo.dir, '--json');
    const { claims, waiting } = JSON.parse(listed.stdout) as { claims: Array<Record<string, unknown>>; waiting: unknown[] };
    expect(waiting).toEqual([]);
    expect(claims.map((c) => c.pattern)).toEqual(['src/', 'docs/*.md']);
    expect(Object.keys(claims[0]!).sort()).toEqual(['agentId', 'mode', 'pattern', 'since', 'token']);
    expect(claims[0]).toMatchObject({ agentId: null, mode: 'shared' });
    expect(claims[1]!.token as number).toBeGreaterThan(claims[0]!.token as number);

    const notMine = await serve.cli('unlock', '--repo', repo.dir, '--agent', 'cli-agent-0000', 'src/');
    expect(notMine.code).toBe(1);
    const unlocked = await serve.cli('unlock', '--repo', repo.dir, 'src/', 'docs/*.md');
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('released src/');
    expect(JSON.parse((await serve.cli('locks', '--repo', repo.dir, '--json')).stdout)).toMatchObject({ claims: [] });
  });

  it('serve refuses a folder that is not a git repository', async () => {
    const result = await runCli(serve.env, ['serve', '--repo', '/proc']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('not inside a git repository');
  });

  it("serve run from Switchyard's own folder without --repo opens no repository, and says so", async () => {
    const own = await startServe(undefined, cliEnv());
    try {
      const note = `Not opening ${APP_ROOT}: it is Switchyard's own folder. Choose a repository in the browser, or pass --repo <path>.`;
      await waitFor(() => own.stderr().includes(note), 'serve to say why it opens no repository');
      const client = await connectWs(own);
      try {
        expect(await client.invoke('repo.get', {})).toMatchObject({ ok: true, value: { repo: null } });
      } finally {
        client.close();
      }
    } finally {
      await own.stop();
    }
  });
});
