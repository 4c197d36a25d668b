/**
 * Agent templates from the command line against a running `serve`, with the real Codex CLI:
 * `switchyard launch --template NAME --set k=v` starts an agent with the template's claims and its
 * task filled in; a bad template file is reported with its field while the good ones still list;
 * and what the agent changed comes back as a suggestion for a similar task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs, type HostWsClient } from '../harness/host-clients';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

interface StatusJson {
  agents: Array<{ id: string; name: string; status: string; task: string }>;
}
interface LocksJson {
  claims: Array<{ agentId: string | null; pattern: string; mode: string }>;
}

const NOTES_TEMPLATE = {
  description: 'Write release notes for one version',
  name: 'notes {version}',
  task: 'Write the release notes for {version} into {file} [scenario:tmpl-notes]',
  claims: ['{file}', 'docs/notes/'],
  priority: 3,
};

describe('agent templates', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let serve: ServeProcess;
  let ws: HostWsClient;

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    repo.write('.agents/templates/release-notes.json', `${JSON.stringify(NOTES_TEMPLATE, null, 2)}\n`);
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    ws = await connectWs(serve);
  });
  afterAll(async () => {
    ws?.close();
    await serve?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
  });

  it('launch --template --set starts the agent with the filled task and the template\'s claims held', async () => {
    model.script('tmpl-notes', [addFileStep('docs/notes/v2.md', 'notes for v2'), { kind: 'message', text: 'notes-done' }]);
    const launched = await serve.cli(
      'launch', '--repo', repo.dir, '--template', 'release-notes', '--set', 'version=v2', '--set', 'file=docs/notes/v2.md', '--json',
    );
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    const { id, name } = JSON.parse(launched.stdout) as { id: string; name: string };
    expect(name).toBe('notes v2');

    const status = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as StatusJson;
    expect(status.agents.find((a) => a.id === id)?.task).toBe('Write the release notes for v2 into docs/notes/v2.md [scenario:tmpl-notes]');

    // The claims are taken when the process starts: both the filled file and the folder, held by this agent.
    const held = await waitFor(async () => {
      const locks = JSON.parse((await serve.cli('locks', '--repo', repo.dir, '--json')).stdout) as LocksJson;
      const mine = locks.claims.filter((c) => c.agentId === id).map((c) => c.pattern).sort();
      return mine.length === 2 ? mine : null;
    }, 'the template agent to hold its claims');
    expect(held).toEqual(['docs/notes/', 'docs/notes/v2.md']);

    // The agent really ran: Codex wrote the file its scenario names.
    await waitFor(() => repo.exists('docs/notes/v2.md') && repo.read('docs/notes/v2.md') === 'notes for v2\n', 'the agent to write docs/notes/v2.md');

    // What it changed is suggested for a similar task, once the journal attributes it to the agent.
    const suggestion = await waitFor(async () => {
      const answer = (await ws.invoke('agents.suggest', { task: 'Write the release notes for v3 into docs/notes/v3.md' })) as {
        ok: boolean;
        value: { similar: Array<{ agentId: string }>; claims: Array<{ pattern: string; agents: string[] }> };
      };
      return answer.ok && answer.value.claims.length > 0 ? answer.value : null;
    }, 'a claim suggestion from the template agent');
    expect(suggestion.similar.map((s) => s.agentId)).toEqual([id]);
    expect(suggestion.claims).toEqual([expect.objectContaining({ pattern: 'docs/notes/v2.md', agents: ['notes v2'] })]);

    const stopped = await serve.cli('stop', '--repo', repo.dir, id);
    expect(stopped.stdout.trim()).toBe(`${id} stopped`);
    expect(processesOfAgent(id)).toEqual([]);
  });

  it('a missing placeholder value, an unknown template or a missing --task is refused with what to give, and nothing starts', async () => {
    const before = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as StatusJson;
    const missing = await serve.cli('launch', '--repo', repo.dir, '--template', 'release-notes', '--set', 'version=v4');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      'switchyard: Template "release-notes" needs a value for {file} (it has {version}, {file}); give --set file=….\n',
    );
    const unknown = await serve.cli('launch', '--repo', repo.dir, '--template', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('switchyard: No template "nope" (templates here: release-notes).\n');
    // Without a template, --name and --task are still required.
    const bare = await serve.cli('launch', '--repo', repo.dir, '--name', 'no task');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe('switchyard: --task is required (or launch from a template: --template NAME)\n');
    const after = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as StatusJson;
    expect(after.agents.length).toBe(before.agents.length);
  });

  it('a malformed template file is reported by file and field; the good ones are still listed', async () => {
    repo.write('.agents/templates/bad-priority.json', JSON.stringify({ task: 'x', priority: 'high' }));
    repo.write('.agents/templates/not-json.json', '{ "task": "x", ');
    repo.write('.agents/templates/typo.json', JSON.stringify({ task: 'x', claim: ['a.txt'] }));

    const listed = await serve.cli('templates', '--repo', repo.dir);
    expect(listed.code).toBe(1);
    const rows = listed.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+PLACEHOLDERS\s+DESCRIPTION$/);
    expect(rows.slice(1)).toEqual([expect.stringMatching(/^release-notes\s+\{version\} \{file\}\s+Write release notes for one version$/)]);
    const problems = listed.stderr.trim().split('\n');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('bad template .agents/templates/bad-priority.json: field "priority": Invalid input: expected number, received string');
    expect(problems[1]).toMatch(/^bad template \.agents\/templates\/not-json\.json: not valid JSON: /);
    expect(problems[2]).toBe(
      'bad template .agents/templates/typo.json: unknown field "claim" (a template has: description, name, task, claims, after, priority, codexArgs, timeoutMinutes, isolated)',
    );

    // The same through the contract, as the UI's picker gets it.
    const answer = (await ws.invoke('templates.list', {})) as { ok: true; value: { templates: Array<{ templateName: string }>; problems: Array<{ file: string }> } };
    expect(answer.value.templates.map((t) => t.templateName)).toEqual(['release-notes']);
    expect(answer.value.problems.map((p) => p.file)).toEqual([
      '.agents/templates/bad-priority.json',
      '.agents/templates/not-json.json',
      '.agents/templates/typo.json',
    ]);

    // Launching a bad one says why, with its file.
    const bad = await serve.cli('launch', '--repo', repo.dir, '--template', 'bad-priority');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('switchyard: .agents/templates/bad-priority.json is not a valid template: field "priority": Invalid input: expected number, received string\n');
  });

  it('templates.save writes a file that lists and launches like a hand-written one; templates.delete removes it', async () => {
    const saved = (await ws.invoke('templates.save', {
      templateName: 'scratch',
      template: { task: 'Look at {thing}', claims: ['scratch/'] },
    })) as { ok: boolean; value: { file: string; placeholders: string[] } };
    expect(saved).toEqual({ ok: true, value: expect.objectContaining({ file: '.agents/templates/scratch.json', placeholders: ['thing'] }) });
    expect(JSON.parse(repo.read('.agents/templates/scratch.json'))).toEqual({ task: 'Look at {thing}', claims: ['scratch/'] });
    const again = (await ws.invoke('templates.save', { templateName: 'scratch', template: { task: 'y' } })) as { ok: boolean; error?: { message: string } };
    expect(again.ok).toBe(false);
    expect(again.error?.message).toContain('A template named "scratch" exists');
    const deleted = (await ws.invoke('templates.delete', { templateName: 'scratch' })) as { ok: boolean };
    expect(deleted.ok).toBe(true);
    expect(repo.exists('.agents/templates/scratch.json')).toBe(false);
  });
});
