/**
 * The real Codex CLI in node-pty, driven by the scripted model: it edits the repository through
 * apply_patch, reports its state, and leaves no process behind when stopped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Orchestrator } from '../../src/core/orchestrator';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { isAlive, processesOfAgent, waitFor } from '../harness/processes';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** Terminal output without escape sequences: what a person would read on the screen. */
const visibleText = (raw: string): string =>
  // eslint-disable-next-line no-control-regex -- escape sequences are control characters.
  raw.replace(/\x1b\[[0-9;?>]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');

const APP_ROOT = path.resolve(__dirname, '..', '..');

describe('a Codex agent launched by the core', () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let core: Orchestrator;

  beforeEach(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    core = new Orchestrator({ appRoots: [APP_ROOT], env: { ...process.env, ...home.env } });
    await core.openRepo(repo.dir);
  });

  afterEach(async () => {
    await core.dispose();
    await model.close();
    home.remove();
    repo.remove();
  });

  it('creates the scripted file through apply_patch, then stops with no process left', async () => {
    model.script('create-hello', [
      addFileStep('hello.txt', 'hello from codex'),
      { kind: 'message', text: 'greeting-finished' },
    ]);
    const { id } = core.launch({
      name: 'greeter',
      task: '-starts with a dash on purpose [scenario:create-hello]',
      claims: [],
      codexArgs: [],
      codexHome: home.dir,
      cols: 120,
      rows: 32,
    });
    const agent = core.list().find((a) => a.id === id);
    expect(agent?.pid).toBeGreaterThan(0);
    const pid = agent!.pid!;

    // apply_patch creates the file, then fills it: wait for the content, not the name.
    await waitFor(() => repo.exists('hello.txt') && repo.read('hello.txt') === 'hello from codex\n', 'hello.txt to be written by Codex');
    // The TUI reached the terminal, and Codex's own state signal moved the agent past "starting".
    await waitFor(() => visibleText(core.history(id)).includes('greeting-finished'), 'the final reply in the terminal');
    await waitFor(() => core.list()[0]?.status === 'finished', 'Codex to report its task finished');
    expect(processesOfAgent(id)).toContain(pid);

    const { status, report } = await core.stop(id, false);
    expect(status).toBe('stopped');
    expect(report.survivors).toEqual([]);
    expect(isAlive(pid)).toBe(false);
    expect(processesOfAgent(id)).toEqual([]);
  });

  it('resizes the pseudo-terminal Codex runs in', async () => {
    model.script('idle', [{ kind: 'message', text: 'ready' }]);
    const { id } = core.launch({
      name: 'sized',
      task: 'hold [scenario:idle]',
      claims: [],
      codexArgs: [],
      codexHome: home.dir,
      cols: 120,
      rows: 32,
    });
    const pid = core.list()[0]!.pid!;
    const ttySize = (): string => {
      const tty = execFileSync('ps', ['-o', 'tty=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      return execFileSync('stty', ['-F', `/dev/${tty}`, 'size'], { encoding: 'utf8' }).trim();
    };
    expect(ttySize()).toBe('32 120');
    // While Codex draws its first screen a resize waits (Codex 0.169 panics on one then) ...
    expect(core.list()[0]!.status).toBe('starting');
    core.resize(id, 100, 30);
    expect(ttySize()).toBe('32 120');
    expect(core.list()[0]).toMatchObject({ cols: 100, rows: 30 });
    // ... and lands once it has started (or a few seconds later at the latest).
    await waitFor(() => ttySize() === '30 100', 'the deferred resize', 15_000);
    await waitFor(() => core.list()[0]!.status !== 'starting', 'the agent to start', 15_000);
    core.resize(id, 90, 20);
    expect(ttySize()).toBe('20 90');
    expect(core.list()[0]).toMatchObject({ cols: 90, rows: 20 });
  });

  it('stops at once with force, leaving no process', async () => {
    model.script('slow', [{ kind: 'message', text: 'thinking', delayMs: 60_000 }]);
    const { id } = core.launch({
      name: 'slow one',
      task: 'wait [scenario:slow]',
      claims: [],
      codexArgs: [],
      codexHome: home.dir,
      cols: 100,
      rows: 30,
    });
    await waitFor(() => model.requestCount('slow') > 0, 'Codex to ask the model');
    const { status, report } = await core.stop(id, true);
    expect(report.via).toBe('kill');
    expect(status).toBe('stopped');
    expect(processesOfAgent(id)).toEqual([]);
  });

  it('refuses to start an agent before a repository is open', () => {
    const bare = new Orchestrator({ appRoots: [APP_ROOT] });
    expect(() =>
      bare.launch({ name: 'x', task: 't', claims: [], codexArgs: [], cols: 80, rows: 24 }),
    ).toThrow(/Open a repository/);
  });
});
