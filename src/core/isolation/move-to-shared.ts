/**
 * Moves an isolated agent's work into the shared tree: its changes against the commit it started
 * from (its branch's commits and its worktree's uncommitted work together) are written into the
 * shared working tree as one step, without committing. A file is refused when the shared tree's
 * version is no longer the base's (someone changed it since the agent started), and then nothing
 * is written: the preview names each such file and why. The caller journals the written files
 * through the change tracker, attributed to the agent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gitRead, gitReadText } from '../git/git-runner';
import type { TreeChange } from '../git/index-entries';
import { parseRawDiff } from '../git/index-entries';
import { readRepoFacts } from '../git/repo-facts';
import { readBranchState, type IsolatedAgent } from './isolated-preview';
import { writeWorkingFiles } from './working-files';

export interface MoveFile {
  path: string;
  kind: 'added' | 'modified' | 'deleted';
  /** The agent's change of this file against its base, as a unified diff. */
  diff: string;
  /** Why this file cannot be moved, or null. */
  refused: string | null;
}

export interface MovePlan {
  base: string;
  /** The commit holding everything to move (the branch's tip, or a commit of its uncommitted work on top). */
  source: string;
  files: MoveFile[];
  changes: TreeChange[];
}

/** `top` is the shared working tree's top folder. */
export async function planMove(repo: string, agent: IsolatedAgent): Promise<MovePlan> {
  const [state, facts] = await Promise.all([readBranchState(repo, agent), readRepoFacts(repo)]);
  if (state.effectiveTip === null) return { base: agent.workspace.base, source: agent.workspace.base, files: [], changes: [] };
  const base = agent.workspace.base;
  const changes = parseRawDiff(await gitRead(repo, ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--full-index', base, state.effectiveTip]), facts.zeroId);
  const current = await sharedVersions(repo, facts.top, changes.map((c) => c.path));
  const files = await Promise.all(
    changes.map(async (change): Promise<MoveFile> => {
      const diff = await gitReadText(repo, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', base, state.effectiveTip!, '--', change.path], { literalPathspecs: true });
      return { path: change.path, kind: change.before === null ? 'added' : change.after === null ? 'deleted' : 'modified', diff, refused: refusalOf(change, current.get(change.path) ?? null) };
    }),
  );
  return { base, source: state.effectiveTip, files, changes };
}

/** Why the shared tree's version of the file (its blob id, or null when absent) is not the base's. */
export function refusalOf(change: TreeChange, shared: string | null): string | null {
  const baseBlob = change.before?.blob ?? null;
  if (shared === baseBlob) return null;
  if (baseBlob === null) return `${change.path} exists in the shared tree now; the agent added it too.`;
  if (shared === null) return `${change.path} was deleted in the shared tree since the agent started.`;
  return `${change.path} changed in the shared tree since the agent started.`;
}

/** The blob id each path's working-tree file would have (null when there is no file). */
async function sharedVersions(repo: string, top: string, paths: readonly string[]): Promise<Map<string, string | null>> {
  const versions = new Map<string, string | null>();
  const present = paths.filter((p) => {
    const exists = fs.existsSync(path.join(top, p)) && fs.lstatSync(path.join(top, p)).isFile();
    if (!exists) versions.set(p, null);
    return exists;
  });
  if (present.length === 0) return versions;
  const hashes = (await gitReadText(repo, ['hash-object', '--stdin-paths'], { input: present.join('\n') + '\n' })).trim().split('\n');
  present.forEach((p, i) => versions.set(p, hashes[i] ?? null));
  return versions;
}

/** Writes every change of the plan into the shared tree; throws (nothing written) when a file is refused. */
export async function applyMove(repo: string, plan: MovePlan): Promise<string[]> {
  const refused = plan.files.filter((f) => f.refused !== null);
  if (refused.length > 0) throw new MoveRefusedError(refused.map((f) => f.refused!));
  const { top } = await readRepoFacts(repo);
  await writeWorkingFiles(repo, top, plan.changes);
  return plan.changes.map((c) => c.path);
}

export class MoveRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(`Nothing was moved: ${reasons.join(' ')} Bring the agent back through the commit wizard instead (it merges), or commit or undo those shared changes first.`);
    this.name = 'MoveRefusedError';
  }
}
