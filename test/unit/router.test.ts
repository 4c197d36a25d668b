/** Every command's payload is parsed at the boundary; malformed ones come back as typed errors. */
import { describe, expect, it } from 'vitest';
import { createRouter, type CommandHandlers } from '../../src/core/router';
import { commands } from '../../src/shared/contract';
import { SwitchyardError } from '../../src/shared/result';

const calls: string[] = [];
const unused = (): never => {
  throw new Error('not used by these tests');
};
// Commands these tests do not call answer with `unused`, so a new command needs no edit here.
const everyCommandUnused = Object.fromEntries(Object.keys(commands).map((name) => [name, unused])) as unknown as CommandHandlers;
const handlers: CommandHandlers = {
  ...everyCommandUnused,
  'repo.get': () => ({ repo: '/r' }),
  'repo.open': ({ path }) => {
    if (path === '/nope') throw new SwitchyardError('not-a-repository', '/nope is not inside a git repository.');
    return { repo: path };
  },
  'agents.list': () => ({ agents: [], revision: 0 }),
  'agents.launch': (input) => {
    calls.push(`launch ${input.name} ${input.claims.length} ${input.cols}x${input.rows}`);
    return { id: 'agent-1', name: input.name, nameNotice: null };
  },
  'agents.stop': ({ id }) => ({ id, status: 'stopped' }),
  'agents.stopAll': () => ({ agents: [] }),
  'settings.get': () => ({ maxConcurrent: 4, stuckAfterMinutes: 10, autoStopStuck: false, gateMode: 'enforce', claimOnWrite: true, testCommand: null, checkAfterAgent: false, worktreeSetupCommand: null, codexPath: null, deliverMessagesToIdle: false, modelPrices: {} }),
  'hook.event': () => ({ decision: 'allow' }),
  'terminal.input': () => ({ ok: true }),
  'terminal.resize': () => ({ ok: true }),
  'terminal.history': () => ({ data: '', seq: 0, cols: 80, rows: 24 }),
  'terminal.ack': () => ({ ok: true }),
};
const router = createRouter(handlers);

describe('the contract router', () => {
  it('rejects an unknown command with unknown-command', async () => {
    expect(await router.handle('agents.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await router.handle(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  it('rejects malformed payloads with invalid-input naming the field', async () => {
    const missingTask = await router.handle('agents.launch', { name: 'a' });
    expect(missingTask).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!missingTask.ok && missingTask.error.message).toContain('task');

    const blankName = await router.handle('agents.launch', { name: '   ', task: 't' });
    expect(!blankName.ok && blankName.error.message).toContain('give the agent a name');

    expect(await router.handle('agents.launch', { name: 'a', task: 't', claims: 'src/**' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await router.handle('agents.launch', { name: 'a', task: 't', extra: 1 })).toMatchObject({ ok: false });
    expect(await router.handle('terminal.resize', { id: 'a-1', cols: 0, rows: 10 })).toMatchObject({ ok: false });
    expect(await router.handle('agents.stop', { id: '../etc' })).toMatchObject({ ok: false });
    expect(await router.handle('terminal.input', 'just a string')).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('applies defaults and passes parsed input to the handler', async () => {
    expect(await router.handle('agents.launch', { name: 'fixer', task: 'fix it' })).toEqual({
      ok: true,
      value: { id: 'agent-1', name: 'fixer', nameNotice: null },
    });
    expect(calls).toEqual(['launch fixer 0 120x32']);
  });

  it('turns a core error into a failed result with its code and message', async () => {
    expect(await router.handle('repo.open', { path: '/nope' })).toEqual({
      ok: false,
      error: { code: 'not-a-repository', message: '/nope is not inside a git repository.' },
    });
  });

  it('reports an unexpected exception as internal, without throwing across the boundary', async () => {
    const broken = createRouter({ ...handlers, 'agents.list': () => { throw new TypeError('boom'); } });
    expect(await broken.handle('agents.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'agents.list failed: boom' },
    });
  });
});
