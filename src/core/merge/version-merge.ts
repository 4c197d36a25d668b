/**
 * "Merge both" on the journal: the preview of a three-way merge of two versions of a file on the
 * version they both descend from, and writing it. Writing goes through the change tracker (so it
 * is journaled and settles the conflict, like a restore) and only while the file still holds
 * `ours`; a merge with conflicts is written only when the caller says the user accepted markers.
 */
import type { MergePreview } from '../../shared/merge';
import { SwitchyardError } from '../../shared/result';
import type { Evidence, TrackedChange } from '../changes/change-types';
import { requireTriple, type MergeTriple } from '../conflicts/merge-candidates';
import { gitReadText } from '../git/git-runner';
import { writeBlob } from '../journal/blob-store';
import type { JournalVersion } from '../journal/journal-types';
import { mergeBlobs, type MergeOutcome } from '../journal/three-way-merge';

export interface MergeVersions {
  base: number;
  ours: number;
  theirs: number;
}

/** What a merge needs of the open repository's change tracking. */
export interface MergeSources {
  repo: string;
  timeline(path: string): readonly JournalVersion[];
  /** Writes the bytes while the file holds `ours`, journaled with `evidence` (ChangeTracker.merge). */
  write(
    path: string,
    bytes: Buffer,
    ours: JournalVersion,
    evidence: Extract<Evidence, { rule: 'merge' }>,
  ): Promise<{ change: TrackedChange | null; version: JournalVersion }>;
  /** `agent "Ada"`, or the user. */
  label(agentId: string | null): string;
}

/** What git writes in the conflict markers, so the file says whose lines are whose. */
function markerLabels(sources: MergeSources, triple: MergeTriple): { ours: string; base: string; theirs: string } {
  const side = (version: JournalVersion): string => `version ${version.version} by ${sources.label(version.agentId)}`.replace(/\s+/g, ' ');
  return { ours: `ours (${side(triple.ours)})`, base: `base (${side(triple.base)})`, theirs: `theirs (${side(triple.theirs)})` };
}

export interface ComputedMerge {
  triple: MergeTriple;
  outcome: MergeOutcome;
}

export async function computeMerge(sources: MergeSources, path: string, versions: MergeVersions): Promise<ComputedMerge> {
  const triple = requireTriple(path, sources.timeline(path), versions);
  const blob = (version: JournalVersion): string | null => (version.state === 'kept' ? version.blob : null);
  const outcome = await mergeBlobs(
    sources.repo,
    { base: blob(triple.base), ours: blob(triple.ours), theirs: blob(triple.theirs) },
    markerLabels(sources, triple),
  );
  return { triple, outcome };
}

export async function previewMerge(sources: MergeSources, path: string, versions: MergeVersions): Promise<MergePreview> {
  const { triple, outcome } = await computeMerge(sources, path, versions);
  const side = (v: JournalVersion) => ({ version: v.version, agentId: v.agentId, at: v.at });
  return {
    path,
    base: side(triple.base),
    ours: side(triple.ours),
    theirs: side(triple.theirs),
    clean: outcome.conflicts === 0,
    conflicts: outcome.conflicts,
    regions: outcome.regions,
    merged: outcome.merged.toString('utf8'),
    diff: await diffToMerged(sources.repo, path, triple.ours, outcome.merged),
  };
}

/**
 * Writes the merge. The versions are merged again here, from the journal's blobs, so what is
 * written is what was previewed for the same three versions; the file must still be `ours`.
 */
export async function applyMerge(
  sources: MergeSources,
  path: string,
  versions: MergeVersions,
  writeConflicts: boolean,
): Promise<{ version: number; conflicts: number; written: boolean }> {
  const { triple, outcome } = await computeMerge(sources, path, versions);
  if (outcome.conflicts > 0 && !writeConflicts) {
    throw new SwitchyardError(
      'invalid-input',
      `The merge of ${path} has ${outcome.conflicts} conflict region(s); nothing was written. Confirm writing the file with conflict markers, or resolve it with an agent.`,
    );
  }
  const { change, version } = await sources.write(path, outcome.merged, triple.ours, {
    rule: 'merge',
    base: triple.base.version,
    ours: triple.ours.version,
    theirs: triple.theirs.version,
    theirsAgent: triple.theirs.agentId,
    conflicts: outcome.conflicts,
  });
  return { version: version.version, conflicts: outcome.conflicts, written: change !== null };
}

/** A unified diff from the file now to the merged text, headed with the path and the sides. */
async function diffToMerged(repo: string, path: string, ours: JournalVersion, merged: Buffer): Promise<string> {
  const mergedBlob = await writeBlob(repo, merged);
  if (ours.blob === mergedBlob) return '';
  const raw = await gitReadText(repo, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ours.blob!, mergedBlob]);
  const lines = raw.split('\n');
  const bodyStart = lines.findIndex((line) => line.startsWith('@@') || line.startsWith('Binary files'));
  const body = bodyStart < 0 ? [] : lines.slice(bodyStart);
  return [`diff --git a/${path} b/${path}`, `--- a/${path}\t(version ${ours.version}, now)`, `+++ b/${path}\t(merged)`, ...body].join('\n');
}
