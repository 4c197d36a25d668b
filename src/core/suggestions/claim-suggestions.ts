/**
 * Ranks what earlier agents of a repository teach about a new task: which agents had a similar
 * task (the conflict detector's task similarity), the files they changed as claims (several files
 * in one folder collapse to the folder), and warnings about files that caused conflicts before.
 * Pure: launch-history.ts gathers the history from the registry, the activity log and the journal.
 */
import type { ClaimSuggestions, ConflictWarning, SimilarAgent, SuggestedClaim } from '../../shared/suggestions';
import { compileClaims } from '../changes/claim-matcher';
import { taskSimilarity } from '../conflicts/task-similarity';

/** An earlier agent: its task and the files it changed (exact or inferred attribution). */
export interface PastAgent {
  id: string;
  name: string;
  task: string;
  files: readonly string[];
}

/** Something that went wrong on a path before: a refused write, a write onto another's claim. */
export interface PastConflict {
  path: string;
  kind: 'refused' | 'violation';
}

export interface RepoHistory {
  agents: readonly PastAgent[];
  conflicts: readonly PastConflict[];
}

/** Below this, tasks share a word or two by chance ("fix", "test"): not evidence. */
export const MIN_TASK_SIMILARITY = 0.2;
/** The agents a suggestion rests on: the most similar few say more than many faint ones. */
export const MAX_SIMILAR_AGENTS = 5;
/** Files of one folder from this many on become one folder claim: a list of files is hard to read and misses new ones. */
export const COLLAPSE_AT_FILES = 3;
/** A form shows a few claims; beyond this the weakest are left out. */
export const MAX_SUGGESTED_CLAIMS = 10;
const MAX_WARNINGS = 10;

const parentFolder = (path: string): string | null => {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash + 1) : null;
};

interface FileScore {
  score: number;
  agents: string[];
}

export function suggestClaims(task: string, history: RepoHistory, chosenClaims: readonly string[] = []): ClaimSuggestions {
  const similar = similarAgents(task, history.agents);
  const chosen = compileClaims(chosenClaims);
  const files = new Map<string, FileScore>();
  for (const { agent, similarity } of similar) {
    for (const file of new Set(agent.files)) {
      if (chosen(file) !== null) continue;
      const entry = files.get(file) ?? { score: 0, agents: [] };
      entry.score += similarity;
      entry.agents.push(agent.name);
      files.set(file, entry);
    }
  }
  const claims = collapse(files).slice(0, MAX_SUGGESTED_CLAIMS);
  return {
    similar: similar.map(({ agent, similarity }): SimilarAgent => ({
      agentId: agent.id,
      name: agent.name,
      task: agent.task,
      similarity: Math.round(similarity * 100) / 100,
      files: new Set(agent.files).size,
    })),
    claims,
    warnings: conflictWarnings(history, [...chosenClaims, ...claims.map((c) => c.pattern)]),
  };
}

function similarAgents(task: string, agents: readonly PastAgent[]): Array<{ agent: PastAgent; similarity: number }> {
  return agents
    .map((agent) => ({ agent, similarity: taskSimilarity(task, agent.task) }))
    .filter(({ similarity }) => similarity >= MIN_TASK_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity || a.agent.name.localeCompare(b.agent.name))
    .slice(0, MAX_SIMILAR_AGENTS);
}

/** Files as claims: a folder with COLLAPSE_AT_FILES or more of them becomes `folder/`; best first. */
function collapse(files: ReadonlyMap<string, FileScore>): SuggestedClaim[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files.keys()) {
    const folder = parentFolder(file);
    if (folder) byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const claims: SuggestedClaim[] = [];
  const collapsed = new Set<string>();
  for (const [folder, members] of byFolder) {
    if (members.length < COLLAPSE_AT_FILES) continue;
    for (const file of members) collapsed.add(file);
    const scores = members.map((file) => files.get(file)!);
    claims.push({
      pattern: folder,
      files: members.length,
      agents: mergeNames(scores.map((s) => s.agents)),
      score: Math.max(...scores.map((s) => s.score)),
    });
  }
  for (const [file, { score, agents }] of files) {
    if (!collapsed.has(file)) claims.push({ pattern: file, files: 1, agents: [...agents], score });
  }
  return claims
    .map((claim) => ({ ...claim, score: Math.round(claim.score * 100) / 100 }))
    .sort((a, b) => b.score - a.score || b.files - a.files || a.pattern.localeCompare(b.pattern));
}

/** Names in the order first met (the agents were visited most similar first). */
const mergeNames = (lists: readonly string[][]): string[] => [...new Set(lists.flat())];

/**
 * Files that caused trouble before and that `patterns` cover: refused writes, writes onto another
 * agent's claim, and files two or more earlier agents changed (they overlapped there).
 */
function conflictWarnings(history: RepoHistory, patterns: readonly string[]): ConflictWarning[] {
  if (patterns.length === 0) return [];
  const covered = compileClaims(patterns);
  const trouble = new Map<string, { refused: number; violations: number; writers: string[] }>();
  const at = (path: string) => {
    const entry = trouble.get(path) ?? { refused: 0, violations: 0, writers: [] };
    trouble.set(path, entry);
    return entry;
  };
  for (const conflict of history.conflicts) {
    if (covered(conflict.path) === null) continue;
    if (conflict.kind === 'refused') at(conflict.path).refused += 1;
    else at(conflict.path).violations += 1;
  }
  const writers = new Map<string, string[]>();
  for (const agent of history.agents) {
    for (const file of new Set(agent.files)) writers.set(file, [...(writers.get(file) ?? []), agent.name]);
  }
  for (const [path, names] of writers) if (names.length >= 2 && covered(path) !== null) at(path).writers = names;
  return [...trouble]
    .map(([path, t]) => ({ path, weight: t.refused + t.violations + t.writers.length, reason: describeTrouble(t) }))
    .sort((a, b) => b.weight - a.weight || a.path.localeCompare(b.path))
    .slice(0, MAX_WARNINGS)
    .map(({ path, reason }) => ({ path, reason }));
}

function describeTrouble(t: { refused: number; violations: number; writers: string[] }): string {
  const parts: string[] = [];
  if (t.refused > 0) parts.push(`${t.refused} write${t.refused === 1 ? '' : 's'} refused (another agent held it)`);
  if (t.violations > 0) parts.push(`${t.violations} write${t.violations === 1 ? '' : 's'} onto another agent's claim`);
  if (t.writers.length >= 2) parts.push(`changed by ${t.writers.length} agents (${t.writers.join(', ')})`);
  return parts.join('; ');
}
