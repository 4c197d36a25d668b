/** Helpers for git's `-z` output and input: NUL-separated fields, so any byte but NUL is a path. */

/** Splits NUL-terminated output into its fields, dropping the empty one after the last NUL. */
export function splitNul(output: Buffer | string): string[] {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  if (text === '') return [];
  const fields = text.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

/** The input form of `--stdin -z`/`--index-info -z`: each record followed by a NUL. */
export function joinNul(records: readonly string[]): string {
  return records.map((record) => `${record}\0`).join('');
}

/**
 * Linux allows about 2 MB of argv; staying far below it leaves room for the environment and
 * for other systems' smaller limits, while 2,000 typical paths still fit in one call.
 */
export const MAX_ARGV_BYTES = 96 * 1024;

/** Splits a long list of paths into runs of argv that each stay under MAX_ARGV_BYTES. */
export function chunkArgs(paths: readonly string[], maxBytes: number = MAX_ARGV_BYTES): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const p of paths) {
    const size = Buffer.byteLength(p) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
