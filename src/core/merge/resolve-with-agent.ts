/**
 * "Resolve with an agent": a merge git cannot finish goes to a new Codex agent. The three versions
 * and git's attempt are written to `.agents/merges/<id>/` (base, ours, theirs, merged), the agent
 * is launched through the ordinary launch path with an exclusive claim on the file and a task that
 * says what happened, and the two agents whose versions it merges are told to wait.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Agent } from '../../shared/domain';
import type { ClaimView } from '../../shared/locks';
import type { LaunchRequest } from '../core-options';
import type { MergeTriple } from '../conflicts/merge-candidates';
import { readBlob } from '../journal/blob-store';
import type { JournalVersion } from '../journal/journal-types';
import type { MergeOutcome } from '../journal/three-way-merge';
import { tellAgentsToWait, type WaitMessagePorts } from './tell-agents-to-wait';

/** Where the versions of each merge handed to an agent are kept, under the repository. */
export const MERGES_FOLDER = '.agents/merges';
/** Conflict regions longer than this are left to the files, not quoted in the task. */
const MAX_QUOTED_CHARS = 6_000;
/** Each writer's task is quoted up to this length: the resolver's own task has a limit (20,000). */
const MAX_TASK_CHARS = 2_000;

export interface ResolverPorts extends WaitMessagePorts {
  repo: string;
  agents(): Agent[];
  /** agents.launch. */
  launch(request: LaunchRequest): { id: string; name: string };
  /** Live claims covering the path (locks.whoHolds). */
  claimsOn(path: string): ClaimView[];
  /** locks.release of the agent's own claims, by pattern. */
  release(agentId: string, patterns: string[]): Promise<unknown>;
}

export interface ResolveRequest {
  path: string;
  triple: MergeTriple;
  outcome: MergeOutcome;
  instructions?: string | undefined;
  codexArgs?: string[] | undefined;
  codexHome?: string | undefined;
}

export interface ResolveResult {
  id: string;
  name: string;
  folder: string;
  told: string[];
}

export async function resolveWithAgent(ports: ResolverPorts, request: ResolveRequest): Promise<ResolveResult> {
  const { path: file, triple, outcome } = request;
  const folder = `${MERGES_FOLDER}/${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}`;
  await writeVersions(ports.repo, folder, triple, outcome.merged);

  const agents = ports.agents();
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const writers = [triple.theirs.agentId, triple.ours.agentId].filter((id): id is string => id !== null);
  // The writers' claims on exactly this file would keep the resolver's claim waiting: they are
  // asked to wait anyway. A wider claim of theirs (a folder, a glob) stays; the resolver queues.
  for (const claim of ports.claimsOn(file)) {
    if (claim.agentId !== null && writers.includes(claim.agentId) && claim.kind === 'file' && claim.pattern === file) {
      // Gone already (released or expired meanwhile): the resolver's claim no longer waits on it.
      await ports.release(claim.agentId, [claim.pattern]).catch(() => undefined);
    }
  }

  const task = mergeTask({ file, folder, triple, outcome, byId, instructions: request.instructions });
  const launched = ports.launch({
    name: `merge ${path.posix.basename(file)}`,
    task,
    claims: [file],
    ...(request.codexArgs ? { codexArgs: request.codexArgs } : {}),
    ...(request.codexHome ? { codexHome: request.codexHome } : {}),
  });
  const told = tellAgentsToWait(
    ports,
    [...new Set(writers)].map((id) => byId.get(id)).filter((agent): agent is Agent => agent !== undefined),
    { path: file, resolverLabel: `agent "${launched.name}"` },
  );
  return { id: launched.id, name: launched.name, folder, told };
}

async function writeVersions(repo: string, folder: string, triple: MergeTriple, merged: Buffer): Promise<void> {
  const absolute = path.join(repo, ...folder.split('/'));
  await fs.promises.mkdir(absolute, { recursive: true });
  const bytes = async (version: JournalVersion): Promise<Buffer> => (version.blob ? readBlob(repo, version.blob) : Buffer.alloc(0));
  await fs.promises.writeFile(path.join(absolute, 'base'), await bytes(triple.base));
  await fs.promises.writeFile(path.join(absolute, 'ours'), await bytes(triple.ours));
  await fs.promises.writeFile(path.join(absolute, 'theirs'), await bytes(triple.theirs));
  await fs.promises.writeFile(path.join(absolute, 'merged'), merged);
}

/** The resolver's task: the file, the versions and who wrote them with their tasks, the conflicts, and what to do. */
export function mergeTask(input: {
  file: string;
  folder: string;
  triple: MergeTriple;
  outcome: MergeOutcome;
  byId: ReadonlyMap<string, Agent>;
  instructions?: string | undefined;
}): string {
  const { file, folder, triple, outcome, byId } = input;
  const who = (version: JournalVersion): string => {
    const agent = version.agentId === null ? undefined : byId.get(version.agentId);
    if (version.agentId === null) return 'the user (or before any agent)';
    return agent ? `agent "${agent.name}"` : `agent ${version.agentId}`;
  };
  const taskOf = (version: JournalVersion): string => {
    const agent = version.agentId === null ? undefined : byId.get(version.agentId);
    const task = agent?.task.replace(/\s+/g, ' ').trim();
    if (!task) return '';
    return ` Its task was: "${task.length > MAX_TASK_CHARS ? `${task.slice(0, MAX_TASK_CHARS)}…` : task}"`;
  };
  const mergedText = outcome.merged.toString('utf8');
  const regionLines = mergedText.split('\n');
  const quoted = outcome.regions.map((region) => regionLines.slice(region.start - 1, region.end).join('\n')).join('\n\n');
  const lines = [
    `Resolve a merge conflict in ${file}.`,
    // The user's own words come first, where they cannot be missed.
    ...(input.instructions?.trim() ? ['', `From the user: ${input.instructions.trim()}`] : []),
    '',
    `Two agents changed ${file} and one wrote over the other's work:`,
    `- version ${triple.theirs.version} ("theirs") was written by ${who(triple.theirs)}.${taskOf(triple.theirs)}`,
    `- version ${triple.ours.version} ("ours", what ${file} holds now) was written by ${who(triple.ours)}.${taskOf(triple.ours)}`,
    `- both started from version ${triple.base.version} ("base").`,
    '',
    `git merge-file could not merge them cleanly: ${outcome.conflicts} conflict region(s), at lines ` +
      `${outcome.regions.map((r) => `${r.start}-${r.end}`).join(', ')} of ${folder}/merged.`,
    `The three versions and git's attempt (with conflict markers) are in ${folder}/: base, ours, theirs and merged. Read them; do not change them.`,
    '',
    `Write ${file} so that it keeps the work of both agents: start from ${folder}/merged, resolve every conflict region ` +
      `using what each side meant to do, and leave no conflict markers (<<<<<<<, |||||||, =======, >>>>>>>). ` +
      `Change no other file. You hold an exclusive claim on ${file}; the agents that wrote the two versions were told to wait until you are done.`,
    'When you are done, say in one line what you kept from each side.',
  ];
  if (quoted.length > 0 && quoted.length <= MAX_QUOTED_CHARS) lines.push('', 'The conflict regions:', '```', quoted, '```');
  return lines.join('\n');
}
