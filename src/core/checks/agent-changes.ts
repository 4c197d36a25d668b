/**
 * The agent's uncommitted changes as the journal holds them, read once for a check or a rollback:
 * each file's timeline with HEAD's content beside it. Waits first until the changes seen so far
 * have their verdicts, since a check starts the moment the agent says it is done and its last
 * write may still be waiting for the rollout event that names it.
 */
import path from 'node:path';
import type { JournalVersion } from '../journal/journal-types';
import { readHeadEntries } from '../changes/head-entries';
import type { RepoChanges } from '../session/repo-changes';
import { agentWindow, isAgentsVersion } from './agent-window';
import type { PathHistory } from './rollback-plan';

/** A verdict is at most a grace period (1 s by default) away; a version still pending after this was left by an earlier run. */
const VERDICT_WAIT_MS = 10_000;
const VERDICT_POLL_MS = 100;

export async function readAgentHistories(repo: string, changes: RepoChanges, agentId: string): Promise<PathHistory[]> {
  await waitForVerdicts(changes);
  const journal = changes.journal;
  const paths = journal.paths().filter((p) => journal.timeline(p).some((v) => isAgentsVersion(v, agentId)));
  const heads = await readHeadEntries(repo, paths);
  return paths.map((p) => ({ path: p, timeline: journal.timeline(p), head: heads.get(p)! }));
}

/** The agent's last version of each file it changed since HEAD: what a check lays over HEAD. */
export function agentVersions(histories: readonly PathHistory[], agentId: string): JournalVersion[] {
  const versions: JournalVersion[] = [];
  for (const { timeline, head } of histories) {
    const window = agentWindow(timeline, head, agentId);
    if (window) versions.push(timeline[window.last]!);
  }
  return versions.sort((a, b) => a.path.localeCompare(b.path));
}

export const absoluteIn = (repo: string) => (relative: string): string => path.join(repo, ...relative.split('/'));

async function waitForVerdicts(changes: RepoChanges): Promise<void> {
  const deadline = Date.now() + VERDICT_WAIT_MS;
  for (;;) {
    await changes.settled();
    const journal = changes.journal;
    const recent = Date.now() - VERDICT_WAIT_MS;
    const pending = journal.paths().some((p) => {
      const timeline = journal.timeline(p);
      for (let i = timeline.length - 1; i >= 0 && Date.parse(timeline[i]!.at) > recent; i--) if (timeline[i]!.attribution === 'pending') return true;
      return false;
    });
    if (!pending || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, VERDICT_POLL_MS));
  }
}
