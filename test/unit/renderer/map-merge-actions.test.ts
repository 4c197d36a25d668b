/**
 * What the Merge both dialog sends, against a scripted API: the three versions, writeConflicts only
 * when the user asked for markers, and what the user is told afterwards.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SwitchyardApi } from '../../../src/shared/api';
import type { CommandName } from '../../../src/shared/contract';
import { fail, ok, type Result } from '../../../src/shared/result';
import type { CoreServices } from '../../../src/renderer/state/core-services';
import { resolveMergeWithAgent, writeMerge } from '../../../src/renderer/state/merge-actions';
import { useStore } from '../../../src/renderer/state/store';

function scriptedApi(answers: Partial<Record<CommandName, Result<unknown>>>) {
  const calls: Array<{ name: string; input: unknown }> = [];
  const api = {
    invoke: (name: CommandName, input: unknown) => {
      calls.push({ name, input });
      return Promise.resolve(answers[name] ?? ok({}));
    },
    on: () => () => undefined,
  } as unknown as SwitchyardApi;
  return { services: { api } as unknown as CoreServices, calls };
}

const request = { path: 'src/x.ts', base: 1, ours: 3, theirs: 2 };
const toasts = (): string[] => useStore.getState().toasts.map((t) => t.message);

describe('the Merge both actions', () => {
  beforeEach(() => useStore.setState({ toasts: [] }));

  it('writes a clean merge without writeConflicts and says which version it became', async () => {
    const { services, calls } = scriptedApi({ 'conflicts.merge': ok({ version: 4, conflicts: 0, written: true }) });
    const result = await writeMerge(services, request, false);
    expect(result.ok).toBe(true);
    expect(calls).toEqual([{ name: 'conflicts.merge', input: { ...request, writeConflicts: false } }]);
    expect(toasts()).toEqual(['Merged both versions of src/x.ts (version 4).']);
  });

  it('says so when the file was written with conflict markers, and returns a refusal for the dialog to show', async () => {
    const marked = scriptedApi({ 'conflicts.merge': ok({ version: 5, conflicts: 2, written: true }) });
    await writeMerge(marked.services, request, true);
    expect(marked.calls[0]!.input).toEqual({ ...request, writeConflicts: true });
    expect(toasts()).toEqual(['Wrote the merge of src/x.ts as version 5, with 2 conflict region(s) marked in the file.']);

    useStore.setState({ toasts: [] });
    const stale = scriptedApi({ 'conflicts.merge': fail('invalid-input', 'src/x.ts changed since version 3') });
    const refused = await writeMerge(stale.services, request, false);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', message: 'src/x.ts changed since version 3' } });
    expect(toasts()).toEqual([]);
  });

  it('names the resolver and the agents told to wait', async () => {
    const { services, calls } = scriptedApi({
      'conflicts.resolveWithAgent': ok({ id: 'r1', name: 'merge x.ts', folder: '.agents/merges/m1', told: ['a1', 'b1'] }),
    });
    await resolveMergeWithAgent(services, request, (id) => ({ a1: 'Ada', b1: 'Bob' })[id] ?? id);
    expect(calls).toEqual([{ name: 'conflicts.resolveWithAgent', input: request }]);
    expect(toasts()).toEqual(['Launched merge x.ts to resolve src/x.ts. Told Ada and Bob to wait.']);
  });
});
