/**
 * Index entries as git prints them (`ls-files -s -z`, `diff-tree --raw -z`) and as
 * `update-index --index-info -z` reads them. An entry of null means "no file at this path".
 */
import { chunkArgs, joinNul, splitNul } from './nul-fields';
import { gitRead } from './git-runner';

export interface IndexEntry {
  mode: string;
  blob: string;
}

export type EntryMap = Map<string, IndexEntry | null>;

/** `--index-info` records: set each path to its entry, or remove it (mode 0 means "no such path"). */
export function indexInfoInput(entries: Iterable<[string, IndexEntry | null]>, zeroId: string): string {
  const records: string[] = [];
  for (const [path, entry] of entries) records.push(entry ? `${entry.mode} ${entry.blob}\t${path}` : `0 ${zeroId}\t${path}`);
  return joinNul(records);
}

/** `ls-files -s -z` records: `mode blob stage\tpath`. Only stage 0 (merged) entries are kept. */
export function parseLsFilesStage(output: Buffer | string): Map<string, IndexEntry & { stage: number }> {
  const entries = new Map<string, IndexEntry & { stage: number }>();
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    const [mode = '', blob = '', stage = '0'] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    const existing = entries.get(path);
    if (!existing || Number(stage) < existing.stage) entries.set(path, { mode, blob, stage: Number(stage) });
  }
  return entries;
}

/**
 * git tests every index entry against every pathspec; past this many paths, listing the whole
 * index once and picking the paths out is faster.
 */
const PATHSPEC_LIST_LIMIT = 256;

/** The entries of `paths` in an index (the user's, or a temporary one through `env`). */
export async function readIndexEntries(repo: string, paths: readonly string[], env: Record<string, string> = {}): Promise<Map<string, IndexEntry & { stage: number }>> {
  if (paths.length > PATHSPEC_LIST_LIMIT) {
    const wanted = new Set(paths);
    const everything = parseLsFilesStage(await gitRead(repo, ['ls-files', '-s', '-z'], { env }));
    return new Map([...everything].filter(([path]) => wanted.has(path)));
  }
  const all = new Map<string, IndexEntry & { stage: number }>();
  for (const chunk of chunkArgs(paths)) {
    const out = await gitRead(repo, ['ls-files', '-s', '-z', '--', ...chunk], { env, literalPathspecs: true });
    for (const [path, entry] of parseLsFilesStage(out)) all.set(path, entry);
  }
  return all;
}

export interface TreeChange {
  path: string;
  before: IndexEntry | null;
  after: IndexEntry | null;
}

/** `diff-tree -r -z --raw --no-renames`: `:oldmode newmode oldblob newblob status\0path\0` per path. */
export function parseRawDiff(output: Buffer | string, zeroId: string): TreeChange[] {
  const fields = splitNul(output);
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode = '', newMode = '', oldBlob = '', newBlob = ''] = fields[i]!.slice(1).split(' ');
    const side = (mode: string, blob: string): IndexEntry | null => (/^0+$/.test(mode) || blob === zeroId ? null : { mode, blob });
    changes.push({ path: fields[i + 1]!, before: side(oldMode, oldBlob), after: side(newMode, newBlob) });
  }
  return changes;
}

/**
 * `diff-tree --stdin -r -z --raw` fed `<tree> <tree>` lines: each pair's header `<a> <b>\n`
 * (newline-ended even with -z), then its records. Keyed by the header, as `${a} ${b}`.
 */
export function parseRawDiffSections(output: Buffer | string, zeroId: string): Map<string, TreeChange[]> {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  const sections = new Map<string, TreeChange[]>();
  let current: TreeChange[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] !== ':') {
      const end = text.indexOf('\n', at);
      const header = text.slice(at, end === -1 ? text.length : end);
      current = sections.get(header) ?? [];
      sections.set(header, current);
      at = end === -1 ? text.length : end + 1;
      continue;
    }
    const metaEnd = text.indexOf('\0', at);
    const pathEnd = text.indexOf('\0', metaEnd + 1);
    if (metaEnd === -1 || pathEnd === -1) break;
    current.push(...parseRawDiff(`${text.slice(at, metaEnd)}\0${text.slice(metaEnd + 1, pathEnd)}\0`, zeroId));
    at = pathEnd + 1;
  }
  return sections;
}
