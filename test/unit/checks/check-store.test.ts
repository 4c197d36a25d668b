/** Ended checks are kept under `.agents/checks/` and read back; a damaged file is skipped, not fatal. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChecks, saveCheck } from '../../../src/core/checks/check-store';
import type { CheckResult } from '../../../src/shared/checks';

const result = (agentId: string, state: CheckResult['state']): CheckResult => ({
  agentId,
  state,
  trigger: 'auto',
  command: 'npm test',
  files: ['a.ts'],
  queuedAt: '2026-12-06T12:00:00.000Z',
  startedAt: '2026-12-06T12:00:00.000Z',
  endedAt: '2026-12-06T12:00:01.000Z',
  exitCode: state === 'passed' ? 0 : 1,
  timedOut: false,
  output: 'out',
  worktreeMs: 25,
  durationMs: 1000,
  detail: null,
});

describe('check store', () => {
  let repo = '';
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reads back what was saved, skipping damaged files and files named for another agent', async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-check-store-'));
    expect(loadChecks(repo)).toEqual([]);
    await saveCheck(repo, result('alpha-1234', 'failed'));
    await saveCheck(repo, result('beta-5678', 'passed'));
    await saveCheck(repo, result('alpha-1234', 'passed'));
    const dir = path.join(repo, '.agents', 'checks');
    fs.writeFileSync(path.join(dir, 'gamma-0000.json'), '{"agentId":');
    fs.writeFileSync(path.join(dir, 'delta-0000.json'), JSON.stringify(result('beta-5678', 'failed')));
    const loaded = loadChecks(repo).sort((a, b) => a.agentId.localeCompare(b.agentId));
    expect(loaded).toEqual([result('alpha-1234', 'passed'), result('beta-5678', 'passed')]);
  });

  it('refuses an agent id that is not one (it names the file)', async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-check-store-'));
    await expect(saveCheck(repo, result('../escape', 'passed'))).rejects.toThrow();
    expect(fs.existsSync(path.join(repo, '.agents', 'escape.json'))).toBe(false);
  });
});
