/** Parses `git diff --numstat -z`: added and removed lines per path, `-` for binary files. */
import { splitNul } from './nul-fields';

export interface LineStats {
  added: number;
  removed: number;
  binary: boolean;
}

/** Keyed by the new path; a rename's record is `added\tremoved\t` then old and new path as their own fields. */
export function parseNumstat(output: Buffer | string): Map<string, LineStats> {
  const fields = splitNul(output);
  const stats = new Map<string, LineStats>();
  for (let i = 0; i < fields.length; i++) {
    const [added = '', removed = '', ...rest] = fields[i]!.split('\t');
    let path = rest.join('\t');
    if (path === '') {
      i += 2; // old path, then new path
      path = fields[i] ?? '';
    }
    const binary = added === '-' || removed === '-';
    stats.set(path, { added: binary ? 0 : Number(added), removed: binary ? 0 : Number(removed), binary });
  }
  return stats;
}
