/**
 * Builds a run's trees without an index, for runs with no hook to run (a pre-commit hook needs a
 * real index to look at): the base tree is listed once, each commit's entries are set in memory,
 * and only the folders that changed are written, by one `git mktree --batch` process for the whole
 * run. Per commit this replaces an `update-index` and a `write-tree`, each reading and rewriting
 * an index of every file in the repository. The trees are the ones `write-tree` would write: the
 * same entries, sorted by git (mktree sorts), no empty folders, and a file replacing a folder (or
 * the reverse) as `update-index --replace` does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnv, gitRead } from '../git/git-runner';
import type { IndexEntry } from '../git/index-entries';
import { splitNul } from '../git/nul-fields';

interface Leaf {
  mode: string;
  id: string;
}

interface Folder {
  /** The folder's tree id; null once something in it changed and it must be written again. */
  id: string | null;
  children: Map<string, Leaf | Folder>;
}

const FOLDER_MODE = '040000';
const GITLINK_MODE = '160000';
const isFolder = (node: Leaf | Folder): node is Folder => 'children' in node;
const newFolder = (): Folder => ({ id: null, children: new Map() });

export class TreeBuilder {
  private constructor(
    private readonly root: Folder,
    private readonly writer: TreeWriter,
    private readonly emptyTree: string,
  ) {}

  /** `baseTree` null: an unborn branch, building from nothing. */
  static async open(repo: string, baseTree: string | null, emptyTree: string): Promise<TreeBuilder> {
    const root = baseTree === null ? newFolder() : folderFromListing(await gitRead(repo, ['ls-tree', '-r', '-t', '-z', '--full-tree', baseTree]), baseTree);
    return new TreeBuilder(root, new TreeWriter(repo), emptyTree);
  }

  /** Sets a path to an entry, or removes it (null), as `update-index --add --replace --index-info` would. */
  set(path: string, entry: IndexEntry | null): void {
    const names = path.split('/');
    const last = names.pop()!;
    const chain: Folder[] = [this.root];
    let folder = this.root;
    for (const name of names) {
      const child = folder.children.get(name);
      if (child && isFolder(child)) folder = child;
      else if (entry === null) return; // nothing there to remove
      else {
        // A file where a folder is needed gives way, as with --replace.
        const created = newFolder();
        folder.children.set(name, created);
        folder = created;
      }
      chain.push(folder);
    }
    if (entry === null) {
      if (!folder.children.has(last)) return;
      folder.children.delete(last);
    } else {
      const existing = folder.children.get(last);
      if (existing && !isFolder(existing) && existing.mode === entry.mode && existing.id === entry.blob) return;
      // A folder where the file goes is replaced whole, as with --replace.
      folder.children.set(last, { mode: entry.mode, id: entry.blob });
    }
    for (const changed of chain) changed.id = null;
  }

  /** Writes every changed folder; returns the root tree's id. */
  async write(): Promise<string> {
    return (await this.writeFolder(this.root)) ?? this.emptyTree;
  }

  close(): void {
    this.writer.close();
  }

  /** null for a folder with nothing in it: git stores no empty trees. */
  private async writeFolder(folder: Folder): Promise<string | null> {
    if (folder.id !== null) return folder.id;
    const lines: string[] = [];
    for (const [name, child] of folder.children) {
      if (isFolder(child)) {
        const id = await this.writeFolder(child);
        if (id !== null) lines.push(`${FOLDER_MODE} tree ${id}\t${name}`);
      } else lines.push(`${child.mode} ${child.mode === GITLINK_MODE ? 'commit' : 'blob'} ${child.id}\t${name}`);
    }
    if (lines.length === 0) return null;
    folder.id = await this.writer.write(lines);
    return folder.id;
  }
}

/** `ls-tree -r -t -z`: `mode type id\tpath` records, each folder before what is in it. */
function folderFromListing(output: Buffer, rootId: string): Folder {
  const root: Folder = { id: rootId, children: new Map() };
  const folders = new Map<string, Folder>([['', root]]);
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    const [mode = '', type = '', id = ''] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    const slash = path.lastIndexOf('/');
    const parent = folders.get(slash === -1 ? '' : path.slice(0, slash));
    if (!parent) throw new Error(`ls-tree listed ${path} before its folder.`);
    const name = path.slice(slash + 1);
    if (type === 'tree') {
      const folder: Folder = { id, children: new Map() };
      folders.set(path, folder);
      parent.children.set(name, folder);
    } else parent.children.set(name, { mode, id });
  }
  return root;
}

/** One `git mktree --batch -z` for a run: a tree's entries in, its id out, one tree at a time. */
class TreeWriter {
  private child: ChildProcessWithoutNullStreams | null = null;
  private waiting: Array<{ resolve: (id: string) => void; reject: (error: Error) => void }> = [];
  private output = '';
  private stderr = '';

  constructor(private readonly repo: string) {}

  write(lines: readonly string[]): Promise<string> {
    const child = this.process();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      // Each entry NUL-terminated, then an empty record ends the tree.
      child.stdin.write(`${lines.join('\0')}\0\0`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    // --missing: every id comes from the base tree or the run's snapshot, so git need not look each up.
    const child = spawn('git', ['mktree', '-z', '--batch', '--missing'], { cwd: this.repo, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.output += chunk;
      let end: number;
      while ((end = this.output.indexOf('\n')) >= 0) {
        const id = this.output.slice(0, end).trim();
        this.output = this.output.slice(end + 1);
        this.waiting.shift()?.resolve(id);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    child.stdin.on('error', () => undefined);
    const fail = (reason: string) => {
      if (this.child === child) this.child = null;
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(`git mktree failed: ${reason || 'it exited'}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('close', () => fail(this.stderr.trim()));
    return child;
  }
}
