/**
 * What the map asks of the core, against a scripted API: which map answers are kept (newer
 * revisions, the open repository's), and which commands each conflict action sends, in order.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SwitchyardApi } from '../../../src/shared/api';
import type { ChangeMap } from '../../../src/shared/changes';
import type { CommandName } from '../../../src/shared/contract';
import { fail, ok, type Result } from '../../../src/shared/result';
import { messageAgent, refreshChangeMap, runConflictAction } from '../../../src/renderer/state/change-actions';
import type { CoreServices } from '../../../src/renderer/state/core-services';
import { useStore } from '../../../src/renderer/state/store';

type Answer = () => Promise<Result<unknown>>;

function scriptedApi() {
  const calls: Array<{ name: string; input: unknown }> = [];
  const answers = new Map<string, Answer[]>();
  const api = {
    invoke: (name: CommandName, input: unknown) => {
      calls.push({ name, input });
      const next = answers.get(name)?.shift();
      return next ? next() : Promise.resolve(ok({}));
    },
    on: () => () => undefined,
  } as unknown as SwitchyardApi;
  return {
    services: { api } as unknown as CoreServices,
    calls,
    answer: (name: CommandName, answer: Answer) => answers.set(name, [...(answers.get(name) ?? []), answer]),
  };
}

const mapAt = (revision: number, paths: string[] = []): ChangeMap => ({
  revision,
  files: paths.map((path) => ({ path, touches: [], lastAgentId: null, lastKind: null, lastAt: null, claimedBy: [], baseline: false, versions: 0 })),
  conflicts: [],
});

describe('the change map actions', () => {
  beforeEach(() => {
    useStore.getState().resetChangeMap();
    useStore.setState({ toasts: [] });
  });

  it('keeps the newest map, drops an answer about a repository no longer open, and reports failures in the view', async () => {
    const { services, answer } = scriptedApi();
    answer('changes.map', async () => ok(mapAt(5, ['a'])));
    await refreshChangeMap(services);
    expect(useStore.getState().changeMap?.revision).toBe(5);

    // An older answer (a slow request overtaken by a newer one) is not applied…
    answer('changes.map', async () => ok(mapAt(3, ['stale'])));
    await refreshChangeMap(services);
    expect(useStore.getState().changeMap?.files.map((f) => f.path)).toEqual(['a']);
    // …unless the core restarted and counts from 0 again (after a reconnect).
    answer('changes.map', async () => ok(mapAt(1, ['fresh'])));
    await refreshChangeMap(services, { replace: true });
    expect(useStore.getState().changeMap?.revision).toBe(1);

    // The repository changes while a request is in flight: its answer is about the old one.
    let release!: () => void;
    answer('changes.map', () => new Promise((resolve) => (release = () => resolve(ok(mapAt(9, ['old-repo']))))));
    const inFlight = refreshChangeMap(services);
    useStore.getState().resetChangeMap();
    release();
    await inFlight;
    expect(useStore.getState().changeMap).toBeNull();

    answer('changes.map', async () => fail('internal', 'journal unreadable'));
    await refreshChangeMap(services);
    expect(useStore.getState().changeMapError).toBe('journal unreadable');
    expect(useStore.getState().toasts).toEqual([]);
  });

  it('transfers a claim as a release by the holder then a claim for the other agent, and says so', async () => {
    const { services, calls, answer } = scriptedApi();
    answer('locks.release', async () => ok({ released: [] }));
    answer('locks.claim', async () => ok({ granted: [], refused: [], waiting: [] }));
    const done = await runConflictAction(services, { type: 'transfer-claim', from: 'alpha', to: 'beta', pattern: 'src/', label: '' }, (id) => id.toUpperCase());
    expect(done).toBe(true);
    expect(calls).toEqual([
      { name: 'locks.release', input: { agentId: 'alpha', patterns: ['src/'], force: true } },
      { name: 'locks.claim', input: { agentId: 'beta', patterns: ['src/'], shared: false, wait: false } },
    ]);
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ tone: 'info', message: 'Moved the claim on src/ from ALPHA to BETA.' });
  });

  it('reports a refused transfer as an error, naming the reason', async () => {
    const { services, answer } = scriptedApi();
    answer('locks.claim', async () => ok({ granted: [], refused: [{ pattern: 'src/', reason: 'held by gamma' }], waiting: [] }));
    expect(await runConflictAction(services, { type: 'transfer-claim', from: 'a', to: 'b', pattern: 'src/', label: '' }, (id) => id)).toBe(false);
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: expect.stringContaining('held by gamma') });
  });

  it('pauses with Escape, stops with agents.stop, and sends a message as its text then Enter', async () => {
    const { services, calls, answer } = scriptedApi();
    await runConflictAction(services, { type: 'pause-agent', agentId: 'a', label: '' }, (id) => id);
    await runConflictAction(services, { type: 'stop-agent', agentId: 'a', label: '' }, (id) => id);
    const message = { id: 'm-1', at: '2026-01-01T00:00:00.000Z', from: null, to: 'a', text: 'leave shared.txt to beta', deliverNow: false, deliveries: [] };
    answer('messages.send', async () => ok({ message }));
    await messageAgent(services, 'a', 'alpha', 'leave shared.txt to beta');
    // "Tell" sends a message (delivered by Switchyard), never keystrokes into the agent's terminal.
    expect(calls).toEqual([
      { name: 'terminal.input', input: { id: 'a', data: '\x1b' } },
      { name: 'agents.stop', input: { id: 'a', force: false } },
      { name: 'messages.send', input: { to: 'a', text: 'leave shared.txt to beta', deliverNow: false } },
    ]);
    expect(useStore.getState().messages).toContainEqual(message);

    // A failed stop is an error toast, not a success.
    answer('agents.stop', async () => fail('not-found', 'no agent "a"'));
    expect(await runConflictAction(services, { type: 'stop-agent', agentId: 'a', label: '' }, () => 'alpha')).toBe(false);
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: 'Stopping alpha: no agent "a"' });
  });
});
