/**
 * The check after an agent, with real Codex agents against the scripted model: alpha breaks the
 * repository's test; its check (on HEAD plus alpha's changes, in a temporary worktree) starts by
 * itself when alpha finishes, and cannot end until beta, launched while it runs, has done its
 * whole task, so beta kept working during the check. The check fails with its output, beta's own
 * check passes, and rolling alpha back restores exactly alpha's files, leaving the file beta
 * changed after alpha alone; the rollback itself can be undone from the journal. Needs `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, orchestratorHandlers, type Router } from '../../src/core/router';
import type { CheckResult } from '../../src/shared/checks';
import type { CommandInput, CommandName, CommandOutput } from '../../src/shared/contract';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep, updateFileStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

/** What the repository's test command runs: it waits for beta's last file (in the shared working tree), then tests value.txt. */
const CHECK_SCRIPT = `#!/bin/sh
while [ ! -e "$1" ]; do sleep 0.1; done
echo "files: $(find . -path ./.git -prune -o -type f -print | sort | tr '\\n' ' ')"
echo "value: $(cat value.txt)"
grep -qx ok value.txt || { echo "value.txt is not ok" >&2; exit 1; }
`;
const AGENT_TIMEOUT_MS = 90_000;

describe('the check after an agent, and its rollback', () => {
  let fixture: AgentsFixture;
  let router: Router;
  const checks: CheckResult[] = [];

  async function invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
    const result = await router.handle(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as CommandOutput<K>;
  }
  const lastCheck = (agentId: string): CheckResult | null => checks.filter((c) => c.agentId === agentId).at(-1) ?? null;

  beforeEach(async () => {
    fixture = await startAgentsFixture(200);
    router = createRouter(orchestratorHandlers(fixture.hooked.core));
    fixture.hooked.core.events.on('checks.changed', (check) => checks.push(check));
    const { repo } = fixture;
    repo.write('value.txt', 'ok\n');
    repo.write('shared.txt', 'base\n');
    repo.write('check.sh', CHECK_SCRIPT);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'a test that value.txt is ok');
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('checks alpha in a worktree while beta works, reports the failure, and rolls back exactly alpha\'s files', { timeout: 240_000 }, async () => {
    const { model, repo } = fixture;
    const marker = path.join(repo.dir, 'docs', 'beta.md');
    await invoke('settings.set', { testCommand: `sh check.sh '${marker}'`, checkAfterAgent: true, claimOnWrite: false });
    model.script('alpha', [
      updateFileStep('value.txt', 'ok', ['broken']),
      addFileStep('src/alpha.ts', 'export const alpha = 1;'),
      updateFileStep('shared.txt', 'base', ['alpha']),
      { kind: 'message', text: 'alpha done' },
    ]);
    model.script('beta', [updateFileStep('shared.txt', 'alpha', ['beta']), addFileStep('docs/beta.md', '# beta'), { kind: 'message', text: 'beta done' }]);

    const alpha = fixture.launch('alpha', 'alpha');
    // Alpha's first turn ends: its check starts by itself, and waits for beta's last file.
    const running = await waitFor(() => (lastCheck(alpha)?.state === 'running' ? lastCheck(alpha) : null), "alpha's check to start", AGENT_TIMEOUT_MS);
    expect(running).toMatchObject({ trigger: 'auto', command: `sh check.sh '${marker}'` });
    expect(fixture.agent(alpha).completedTurns).toBe(1);

    const beta = fixture.launch('beta', 'beta');
    // Beta does its whole task while alpha's check runs: the check cannot end before beta's last file exists.
    await waitFor(() => fixture.agent(beta).completedTurns === 1, 'beta to finish its task during the check', AGENT_TIMEOUT_MS);
    const failed = await waitFor(() => (lastCheck(alpha)?.endedAt ? lastCheck(alpha) : null), "alpha's check to end", AGENT_TIMEOUT_MS);
    expect(failed).toMatchObject({ state: 'failed', exitCode: 1, timedOut: false, files: ['shared.txt', 'src/alpha.ts', 'value.txt'] });
    // HEAD plus alpha's files, not the shared working tree: beta's file is not there.
    expect(failed!.output).toContain('value: broken');
    expect(failed!.output).toContain('./src/alpha.ts');
    expect(failed!.output).not.toContain('beta.md');
    expect(failed!.output).toContain('value.txt is not ok');
    expect(failed!.worktreeMs).toBeGreaterThan(0);
    console.log(`check worktree created in ${failed!.worktreeMs} ms; whole check ${failed!.durationMs} ms`);
    expect((await invoke('checks.get', { id: alpha })).check).toEqual(failed);

    // Beta's own check (started by itself too) passes: alpha's broken file is not in it.
    const betaCheck = await waitFor(() => (lastCheck(beta)?.endedAt ? lastCheck(beta) : null), "beta's check", AGENT_TIMEOUT_MS);
    expect(betaCheck).toMatchObject({ state: 'passed', exitCode: 0, files: ['docs/beta.md', 'shared.txt'] });
    expect(betaCheck!.output).toContain('value: ok');
    // Both checks' worktrees are gone again (beta's started as soon as alpha's ended).
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);

    // The preview: alpha's files back to their versions before alpha; shared.txt (beta changed it since) listed, left out.
    const plan = await invoke('rollback.plan', { id: alpha });
    expect(plan.files.map((f) => ({ path: f.path, action: f.action, changedSinceBy: f.changedSinceBy, included: f.included }))).toEqual([
      { path: 'shared.txt', action: 'restore', changedSinceBy: [beta], included: false },
      { path: 'src/alpha.ts', action: 'delete', changedSinceBy: [], included: true },
      { path: 'value.txt', action: 'restore', changedSinceBy: [], included: true },
    ]);
    const value = plan.files.find((f) => f.path === 'value.txt')!;
    const preview = await invoke('changes.diff', { path: 'value.txt', from: value.currentVersion, to: value.toVersion });
    expect(preview.diff).toContain('-broken');
    expect(preview.diff).toContain('+ok');

    const rolled = await invoke('rollback.run', { id: alpha });
    expect(rolled.restored.map((r) => r.path)).toEqual(['src/alpha.ts', 'value.txt']);
    expect(rolled.skipped).toEqual([{ path: 'shared.txt', reason: `changed since by ${beta}` }]);
    expect(repo.read('value.txt')).toBe('ok\n');
    expect(repo.exists('src/alpha.ts')).toBe(false);
    expect(repo.read('shared.txt')).toBe('beta\n');
    expect(repo.read('docs/beta.md')).toBe('# beta\n');
    // Journaled: the rollback is a version of its own, naming alpha.
    const timeline = (await invoke('changes.timeline', { path: 'value.txt' })).versions;
    expect(timeline.at(-1)).toMatchObject({ rule: 'rollback', agentId: null });
    // Nothing of alpha's is left to roll back but the file beta changed since.
    expect((await invoke('rollback.plan', { id: alpha })).files.map((f) => f.path)).toEqual(['shared.txt']);

    // Undo: the version each file held before the rollback is still in the journal.
    const undo = rolled.restored.find((r) => r.path === 'value.txt')!;
    await invoke('changes.restore', { path: 'value.txt', version: undo.undoVersion });
    expect(repo.read('value.txt')).toBe('broken\n');
    expect(fs.existsSync(path.join(repo.dir, 'src', 'alpha.ts'))).toBe(false);
  });
});
