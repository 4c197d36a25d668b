/**
 * Parses `git diff` text (one or many files) into files, hunks and numbered lines, and pairs a
 * hunk's lines into side-by-side rows. Pure, so it is unit-tested without a DOM.
 */

export type DiffLineKind = 'context' | 'added' | 'removed';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its leading ' ', '+' or '-'. */
  text: string;
  oldNumber: number | null;
  newNumber: number | null;
  /** Followed by "\ No newline at end of file". */
  noNewline: boolean;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second @@ (git puts the enclosing function there). */
  section: string;
  lines: DiffLine[];
}

export type DiffFileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

export interface DiffFile {
  /** The path shown: the new path, or the old one for a deletion. */
  path: string;
  oldPath: string | null;
  newPath: string | null;
  status: DiffFileStatus;
  binary: boolean;
  /** Header lines worth showing as they are: modes, similarity, rename. */
  notes: string[];
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/** A row of the side-by-side view: the old line on the left, the new one on the right. */
export interface SplitRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const GIT_HEADER = /^diff --git (.+)$/;
const NOTE_PREFIXES = ['old mode ', 'new mode ', 'new file mode ', 'deleted file mode ', 'similarity index ', 'dissimilarity index ', 'rename from ', 'rename to ', 'copy from ', 'copy to '];

export function parseUnifiedDiff(text: string): DiffFile[] {
  const lines = text.split('\n');
  // A trailing newline leaves one empty string that is not a line of the diff.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let hunk: DiffHunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNumber = 0;
  let newNumber = 0;

  const startFile = (oldPath: string | null, newPath: string | null): DiffFile => {
    const started: DiffFile = { path: newPath ?? oldPath ?? '', oldPath, newPath, status: 'modified', binary: false, notes: [], hunks: [], added: 0, removed: 0 };
    files.push(started);
    hunk = null;
    return started;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = stripCr(lines[i] ?? '');

    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const marker = line[0];
      // Some tools strip the space of an empty context line.
      if (marker === ' ' || line === '') {
        hunk.lines.push({ kind: 'context', text: line.slice(1), oldNumber: oldNumber++, newNumber: newNumber++, noNewline: false });
        oldLeft--;
        newLeft--;
        continue;
      }
      if (marker === '-' && oldLeft > 0) {
        hunk.lines.push({ kind: 'removed', text: line.slice(1), oldNumber: oldNumber++, newNumber: null, noNewline: false });
        oldLeft--;
        file!.removed++;
        continue;
      }
      if (marker === '+' && newLeft > 0) {
        hunk.lines.push({ kind: 'added', text: line.slice(1), oldNumber: null, newNumber: newNumber++, noNewline: false });
        newLeft--;
        file!.added++;
        continue;
      }
      if (marker === '\\') {
        markNoNewline(hunk);
        continue;
      }
      // A malformed hunk (counts too high): fall through and read the line as a header.
      oldLeft = newLeft = 0;
    }

    if (line.startsWith('\\') && hunk) {
      markNoNewline(hunk);
      continue;
    }

    const git = GIT_HEADER.exec(line);
    if (git) {
      const [oldPath, newPath] = splitGitHeaderPaths(git[1] ?? '');
      file = startFile(oldPath, newPath);
      continue;
    }

    const header = HUNK_HEADER.exec(line);
    if (header) {
      file ??= startFile(null, null);
      const oldLines = header[2] === undefined ? 1 : Number(header[2]);
      const newLines = header[4] === undefined ? 1 : Number(header[4]);
      const started: DiffHunk = { oldStart: Number(header[1]), oldLines, newStart: Number(header[3]), newLines, section: header[5] ?? '', lines: [] };
      hunk = started;
      file.hunks.push(started);
      oldLeft = oldLines;
      newLeft = newLines;
      // An empty side starts at the line before; its numbers are never shown.
      oldNumber = started.oldStart === 0 ? 1 : started.oldStart;
      newNumber = started.newStart === 0 ? 1 : started.newStart;
      continue;
    }

    if (line.startsWith('--- ') && isFileHeaderPair(lines, i)) {
      const oldPath = headerPath(line.slice(4));
      const newPath = headerPath(stripCr(lines[i + 1] ?? '').slice(4));
      // A plain diff (no `diff --git` line) starts its file here.
      if (!file || file.hunks.length > 0 || hunk) file = startFile(oldPath, newPath);
      file.oldPath = oldPath;
      file.newPath = newPath;
      file.path = newPath ?? oldPath ?? file.path;
      if (oldPath === null) file.status = 'added';
      if (newPath === null) file.status = 'deleted';
      i++;
      continue;
    }

    if (!file) continue; // Text before the first file (a commit message, say) is not part of any file.

    if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
      continue;
    }
    if (line.startsWith('new file mode ')) file.status = 'added';
    else if (line.startsWith('deleted file mode ')) file.status = 'deleted';
    else if (line.startsWith('rename from ')) {
      file.status = 'renamed';
      file.oldPath = unquote(line.slice('rename from '.length));
    } else if (line.startsWith('rename to ')) {
      file.status = 'renamed';
      file.newPath = unquote(line.slice('rename to '.length));
      file.path = file.newPath;
    } else if (line.startsWith('copy from ')) file.status = 'copied';
    if (NOTE_PREFIXES.some((prefix) => line.startsWith(prefix))) file.notes.push(line);
  }

  for (const parsed of files) {
    if (parsed.status === 'added') parsed.oldPath = null;
    if (parsed.status === 'deleted') {
      parsed.newPath = null;
      parsed.path = parsed.oldPath ?? parsed.path;
    }
  }
  return files;
}

/** Pairs each run of removed lines with the added lines after it; context sits on both sides. */
export function toSplitRows(hunk: DiffHunk): SplitRow[] {
  const rows: SplitRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = (): void => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    if (line.kind === 'context') {
      flush();
      rows.push({ left: line, right: line });
    } else if (line.kind === 'removed') {
      // A removal after additions starts a new change block.
      if (added.length > 0) flush();
      removed.push(line);
    } else added.push(line);
  }
  flush();
  return rows;
}

/** How many lines a file's hunks render, for capping huge diffs. */
export function renderedLineCount(file: DiffFile): number {
  return file.hunks.reduce((sum, hunk) => sum + hunk.lines.length + 1, 0);
}

function markNoNewline(hunk: DiffHunk): void {
  const last = hunk.lines[hunk.lines.length - 1];
  if (last) last.noNewline = true;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isFileHeaderPair(lines: string[], i: number): boolean {
  const next = lines[i + 1];
  return next !== undefined && next.startsWith('+++ ');
}

/** `a/src/x.ts`, `"a/with space"` or `/dev/null` (with an optional tab and timestamp) to a path. */
function headerPath(raw: string): string | null {
  const value = raw.startsWith('"') ? raw : (raw.split('\t')[0] ?? '');
  const path = unquote(value.trimEnd());
  if (path === '/dev/null') return null;
  return stripPrefix(path);
}

function stripPrefix(path: string): string {
  return /^[abciow]\//.test(path) ? path.slice(2) : path;
}

/**
 * `diff --git a/x b/x`: the two paths are equal for anything but a rename or copy (whose real
 * names follow in `rename from/to`), so splitting at the middle is right even with spaces.
 */
function splitGitHeaderPaths(rest: string): [string | null, string | null] {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const first = rest.slice(0, end + 1);
    const second = rest.slice(end + 2);
    return [stripPrefix(unquote(first)), stripPrefix(unquote(second))];
  }
  const quoted = rest.indexOf(' "');
  if (quoted > 0) return [stripPrefix(rest.slice(0, quoted)), stripPrefix(unquote(rest.slice(quoted + 1)))];
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && stripPrefix(rest.slice(0, half)) === stripPrefix(rest.slice(half + 1))) {
    const path = stripPrefix(rest.slice(0, half));
    return [path, path];
  }
  const space = rest.indexOf(' b/');
  if (space > 0) return [stripPrefix(rest.slice(0, space)), stripPrefix(rest.slice(space + 1))];
  return [rest, rest];
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };

/** Git quotes paths with unusual bytes as C strings with octal escapes for non-ASCII UTF-8. */
export function unquote(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...new TextEncoder().encode(ch));
      continue;
    }
    const next = body[i + 1];
    if (next !== undefined && /[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(octal, 8));
      i += octal.length;
    } else {
      bytes.push(...new TextEncoder().encode(next === undefined ? '' : (ESCAPES[next] ?? next)));
      i++;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
