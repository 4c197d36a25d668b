/** Who changed which file (and which hunks of it), as attribution says: what the commit plan and the review are built from. */
import type { HunkRange } from '../git/hunk-ranges';

export type AttributionKind = 'exact' | 'inferred' | 'unattributed' | 'offline';

/** Hunk ranges are those of the diff from the plan's base commit to the working tree, as `git diff -U0` numbers them. */
export interface AttributedHunk extends HunkRange {
  agentId: string | null;
}

/** Who changed a file, as the attribution module says; a path may have several entries. */
export interface AttributionEntry {
  path: string;
  agentId: string | null;
  attribution: AttributionKind;
  /** agentId null: the Codex outside Switchyard with this pid made these changes. */
  unmanagedPid?: number;
  /** Who wrote which hunk, where the journal knows. */
  hunks?: AttributedHunk[];
}
