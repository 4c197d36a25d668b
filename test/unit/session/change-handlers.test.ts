/**
 * The change commands through the router: every path they take is checked against the
 * repository before the change tracking (and so git or the file system) sees it, and a refused
 * path is a typed `invalid-input` answer. The change tracking is a recording fake here; the
 * guard itself is tested against real links in test/unit/repo/repo-path-guard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createRouter, type CommandHandlers } from '../../../src/core/router';
import { changeHandlers } from '../../../src/core/session/change-handlers';
import type { RepoChanges } from '../../../src/core/session/repo-changes';
import { commands } from '../../../src/shared/contract';
import type { Agent } from '../../../src/shared/domain';

const REPO = '/work/repo-that-need-not-exist';
const AGENT = 'agent-1';

/** A router over the change handlers whose change tracking records the paths it is asked about. */
function routerWithRecordingChanges() {
  const seen: string[] = [];
  const changes = {
    timeline: (path: string) => (seen.push(path), []),
    diff: async (path: string) => (seen.push(path), ''),
    restore: async (path: string) => (seen.push(path), true),
    assign: (path: string) => (seen.push(path), 0),
  } as unknown as RepoChanges;
  const unused = (): never => {
    throw new Error('not used by these tests');
  };
  const everyCommandUnused = Object.fromEntries(Object.keys(commands).map((name) => [name, unused])) as unknown as CommandHandlers;
  const handlers = changeHandlers({ changes, repo: REPO, list: () => [{ id: AGENT } as Agent] });
  return { router: createRouter({ ...everyCommandUnused, ...handlers }), seen };
}

const inputFor = (command: string, path: string): Record<string, unknown> =>
  ({
    'changes.timeline': { path },
    'changes.diff': { path, to: 2 },
    'changes.restore': { path, version: 1 },
    'changes.assign': { path, agentId: AGENT },
  })[command]!;

const PATH_COMMANDS = ['changes.timeline', 'changes.diff', 'changes.restore', 'changes.assign'];

describe('change commands with a path', () => {
  for (const command of PATH_COMMANDS) {
    it(`${command} refuses a path outside the repository before the change tracking sees it`, async () => {
      const { router, seen } = routerWithRecordingChanges();
      for (const [bad, why] of [
        ['/etc/passwd', `is outside the repository ${REPO}`],
        [`${REPO}/src/a.ts`, 'is absolute'],
        ['../../../etc/passwd', 'contains ".."'],
        ['src//a.ts', 'is not normalised'],
        ['.git/config', 'is inside .git/'],
      ] as Array<[string, string]>) {
        const answer = await router.handle(command, inputFor(command, bad));
        expect(answer, bad).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(`The path ${JSON.stringify(bad)} ${why}`) } });
      }
      expect(seen).toEqual([]);
    });

    it(`${command} passes a repository path on unchanged`, async () => {
      const { router, seen } = routerWithRecordingChanges();
      expect(await router.handle(command, inputFor(command, 'src/a.ts'))).toMatchObject({ ok: true });
      expect(seen).toEqual(['src/a.ts']);
    });
  }
});
