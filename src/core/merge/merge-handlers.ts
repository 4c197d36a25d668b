/**
 * Binds the merge commands (src/shared/merge.ts) to the open repository: preview and write a
 * "merge both" of two journal versions, or hand a conflicted one to a Codex agent.
 */
import type { Agent } from '../../shared/domain';
import type { ClaimView } from '../../shared/locks';
import type { mergeCommands } from '../../shared/merge';
import type { HandlersFor } from '../command-handlers';
import type { LaunchRequest } from '../core-options';
import { checkRepoPath } from '../repo/repo-path-guard';
import type { RepoChanges } from '../session/repo-changes';
import { resolveWithAgent } from './resolve-with-agent';
import { applyMerge, computeMerge, previewMerge, type MergeSources } from './version-merge';

/** What the merge commands use of the core. */
export interface MergeCore {
  /** The open repository's change tracking; throws a typed error while it is unavailable. */
  readonly changes: RepoChanges;
  readonly repo: string | null;
  list(): Agent[];
  launch(request: LaunchRequest): { id: string; name: string };
  whoHolds(path: string): ClaimView[];
  releaseLocks(agentId: string | undefined, patterns: string[], force: boolean): Promise<unknown>;
  sendMessage(request: { to: string; text: string }): unknown;
}

export function mergeHandlers(core: MergeCore): HandlersFor<keyof typeof mergeCommands> {
  const sourcesFor = (path: string): MergeSources => {
    const changes = core.changes;
    const repo = core.repo!;
    checkRepoPath(repo, path);
    const agents = new Map(core.list().map((agent) => [agent.id, agent]));
    return {
      repo,
      timeline: (p) => changes.journalVersions(p),
      write: (p, bytes, ours, evidence) => changes.writeMerge(p, bytes, ours, evidence),
      label: (agentId) => {
        if (agentId === null) return 'the user';
        const agent = agents.get(agentId);
        return agent ? `agent "${agent.name}"` : `agent ${agentId}`;
      },
    };
  };
  return {
    'conflicts.mergePreview': ({ path, base, ours, theirs }) => previewMerge(sourcesFor(path), path, { base, ours, theirs }),
    'conflicts.merge': ({ path, base, ours, theirs, writeConflicts }) =>
      applyMerge(sourcesFor(path), path, { base, ours, theirs }, writeConflicts),
    'conflicts.resolveWithAgent': async ({ path, base, ours, theirs, instructions, codexArgs, codexHome }) => {
      const sources = sourcesFor(path);
      const { triple, outcome } = await computeMerge(sources, path, { base, ours, theirs });
      return resolveWithAgent(
        {
          repo: sources.repo,
          agents: () => core.list(),
          launch: (request) => core.launch(request),
          claimsOn: (p) => core.whoHolds(p),
          release: (agentId, patterns) => core.releaseLocks(agentId, patterns, false),
          sendMessage: (message) => core.sendMessage(message),
        },
        { path, triple, outcome, instructions, codexArgs, codexHome },
      );
    },
  };
}
