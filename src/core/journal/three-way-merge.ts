/**
 * A three-way merge of journal blobs with `git merge-file -p`: the changes from `base` to
 * `theirs` applied on top of `ours`. git 2.39 cannot merge blobs by id (`--object-id` is 2.44),
 * so the three are written to a private temporary folder first.
 */
import fs from 'node:fs';
import { runGit } from '../git/git-runner';
import { makeScratchDir } from '../git/scratch-dir';
import { SwitchyardError } from '../../shared/result';
import { readBlob } from './blob-store';

export interface MergeInputs {
  /** Blob ids; null for a side where the file did not exist (merged as an empty file). */
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

/** What git names each side in its conflict markers (`<<<<<<< ours`, `||||||| base`, `>>>>>>> theirs`). */
export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface MergeRegion {
  /** 1-based line numbers in the merged text, from the `<<<<<<<` line to the `>>>>>>>` line. */
  start: number;
  end: number;
}

export interface MergeOutcome {
  merged: Buffer;
  /** How many conflict regions git left; 0 is a clean merge. */
  conflicts: number;
  regions: MergeRegion[];
}

/** merge-file exits with the number of conflicts (capped at 127); a negative status (255) is an error. */
const CONFLICT_EXIT_CODES = Array.from({ length: 127 }, (_, i) => i + 1);

export async function mergeBlobs(repo: string, inputs: MergeInputs, labels: MergeLabels): Promise<MergeOutcome> {
  const scratch = makeScratchDir();
  try {
    const file = async (name: keyof MergeInputs): Promise<string> => {
      const target = scratch.file(name);
      const blob = inputs[name];
      await fs.promises.writeFile(target, blob === null ? Buffer.alloc(0) : await readBlob(repo, blob));
      return target;
    };
    const [ours, base, theirs] = [await file('ours'), await file('base'), await file('theirs')];
    const result = await runGit(
      repo,
      ['merge-file', '-p', '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, ours, base, theirs],
      { okExitCodes: CONFLICT_EXIT_CODES, optionalLocks: false },
    ).catch((error: unknown) => {
      // Binary files, mostly: git says "Cannot merge binary files".
      throw new SwitchyardError('invalid-input', `git could not merge these versions: ${(error as Error).message}`);
    });
    // The exit code says whether it is clean: a file may hold marker-like lines of its own.
    const regions = result.exitCode === 0 ? [] : conflictRegions(result.stdout.toString('utf8'));
    return { merged: result.stdout, conflicts: result.exitCode === 0 ? 0 : Math.max(result.exitCode, regions.length), regions };
  } finally {
    scratch.dispose();
  }
}

/**
 * The conflict regions of a merge-file result, by its markers (seven characters and a space, at
 * the start of a line), read in order: `<<<<<<<` opens, `>>>>>>>` closes only an open region.
 */
export function conflictRegions(text: string): MergeRegion[] {
  const regions: MergeRegion[] = [];
  let open: number | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (open === null && line.startsWith('<<<<<<< ')) open = i + 1;
    else if (open !== null && line.startsWith('>>>>>>> ')) {
      regions.push({ start: open, end: i + 1 });
      open = null;
    }
  }
  return regions;
}
