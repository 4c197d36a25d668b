/**
 * Which three journal versions "merge both" works on after an overwrite: ours is the file as it is
 * now (the overwriter's version), theirs is the version that was overwritten, and base is the
 * version theirs' writer started from, the one both descend from. Merging applies theirs' changes
 * since base on top of ours, so neither agent's work is lost.
 */
import type { ConflictAction } from '../../shared/conflicts';
import { SwitchyardError } from '../../shared/result';
import type { JournalVersion } from '../journal/journal-types';
import { versionBeforeWriter } from './conflict-actions';
import type { ConflictContext } from './conflict-context';

export interface MergeTriple {
  base: JournalVersion;
  ours: JournalVersion;
  theirs: JournalVersion;
}

/** Merge-file needs bytes; a version where the file did not exist merges as an empty file. */
const mergeable = (version: JournalVersion): boolean => version.state === 'kept' || version.state === 'deleted';

/** The first version of the run of versions by theirs' writer that ends at `theirs`, minus one: where that writer started. */
function startOfRun(timeline: readonly JournalVersion[], theirs: JournalVersion): JournalVersion | null {
  let index = timeline.findIndex((v) => v.version === theirs.version);
  while (index > 0 && timeline[index - 1]!.agentId === theirs.agentId) index--;
  return index > 0 ? timeline[index - 1]! : null;
}

/**
 * The merge that undoes `overwriter`'s overwrite without losing its own work, or null when there
 * is nothing to merge: the file is no longer the overwriter's version, no other agent's version
 * came before it, a version whose bytes were not kept, or sides that already agree.
 */
export function overwriteMerge(timeline: readonly JournalVersion[], overwriter: string): MergeTriple | null {
  const ours = timeline.at(-1);
  const theirs = versionBeforeWriter(timeline, overwriter, true);
  if (!ours || !theirs || theirs.agentId === null || ours.state !== 'kept' || theirs.state !== 'kept') return null;
  // Only while the file is still the overwriter's version: after a merge or a restore, or another write, there is no such overwrite.
  if (ours.agentId !== overwriter) return null;
  const base = startOfRun(timeline, theirs);
  if (!base || !mergeable(base)) return null;
  // Theirs changed nothing since base, or ours already holds theirs: nothing to bring back.
  if (base.blob === theirs.blob || ours.blob === theirs.blob) return null;
  return { base, ours, theirs };
}

/**
 * The versions a merge command names, checked: all three exist with bytes, and ours is the
 * file's latest version (a merge is written over the file as it is).
 */
export function requireTriple(
  path: string,
  timeline: readonly JournalVersion[],
  numbers: { base: number; ours: number; theirs: number },
): MergeTriple {
  const find = (role: string, version: number): JournalVersion => {
    const found = timeline.find((v) => v.version === version);
    if (!found) throw new SwitchyardError('not-found', `The journal has no version ${version} of ${path} (asked for as ${role}).`);
    if (!mergeable(found)) throw new SwitchyardError('invalid-input', `Version ${version} of ${path} was ${found.state}; it cannot be merged.`);
    return found;
  };
  const triple = { base: find('base', numbers.base), ours: find('ours', numbers.ours), theirs: find('theirs', numbers.theirs) };
  if (triple.ours.state !== 'kept') throw new SwitchyardError('invalid-input', `${path} does not exist now (version ${numbers.ours}); there is nothing to merge into.`);
  const latest = timeline.at(-1)!;
  if (latest.version !== triple.ours.version) {
    throw new SwitchyardError(
      'invalid-input',
      `${path} changed since the merge was offered: its latest version is ${latest.version}, not ${triple.ours.version}. Nothing was written; preview the merge again.`,
    );
  }
  return triple;
}

/** The "Merge both" action of a conflict: names the three versions, so the preview and the merge agree on them. */
export function mergeBoth(ctx: ConflictContext, path: string, triple: MergeTriple, overwriter: string): ConflictAction {
  return {
    type: 'merge-versions',
    path,
    base: triple.base.version,
    ours: triple.ours.version,
    theirs: triple.theirs.version,
    label: `Merge both: keep ${ctx.label(overwriter)}'s ${path} and bring back ${ctx.label(triple.theirs.agentId)}'s changes`,
  };
}
