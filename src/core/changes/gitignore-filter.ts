/**
 * Which working-tree paths git ignores, answered by git itself (no second implementation of
 * gitignore rules to drift from it):
 *  - at start, `git ls-files -o -i --exclude-standard --directory` lists every ignored file and
 *    every wholly ignored folder (collapsed to one entry). That set answers synchronously, which is
 *    what the watcher needs to avoid descending into node_modules/ at all;
 *  - a path the set does not cover is asked about through one long-lived
 *    `git check-ignore --stdin -z -v -n` (it reads the index and the ignore files once; tracked
 *    files are never ignored, as in git), and the answer is cached;
 *  - a folder created later is checked the same way and added to the set when ignored.
 */
import { gitRead } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { GitCoprocess } from '../journal/git-coprocess';
import { isPrivatePath } from '../journal/repo-path';

/** Cached "not ignored" answers; the cache is dropped past this size rather than grow forever. */
export const NOT_IGNORED_CACHE_LIMIT = 200_000;

export interface IgnoreReload {
  /** Folders ignored now that were not before (stop watching them). */
  nowIgnored: string[];
  /** Folders ignored before that are not any more (start watching them). */
  noLongerIgnored: string[];
}

export class GitignoreFilter {
  private ignored = new Set<string>();
  private notIgnored = new Set<string>();
  private readonly checker: GitCoprocess;

  private constructor(private readonly repo: string) {
    // -v -n: one answer per path (source, line, pattern, path), empty source when nothing matched.
    this.checker = new GitCoprocess({ repo, args: ['check-ignore', '--stdin', '-z', '-v', '-n'], terminator: '\0', fieldsPerAnswer: 4 });
  }

  static async load(repo: string): Promise<GitignoreFilter> {
    const filter = new GitignoreFilter(repo);
    filter.ignored = await listIgnored(repo);
    // Starts the checker now, so the first change does not wait for git to read a large index.
    void filter.checker.ask('.gitignore').catch(() => undefined);
    return filter;
  }

  /** Synchronous: `.git/`, `.agents/`, or the path or one of its folders is known to be ignored. */
  isKnownIgnored(relative: string): boolean {
    if (isPrivatePath(relative)) return true;
    if (this.ignored.has(relative)) return true;
    for (let slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
      if (this.ignored.has(relative.slice(0, slash))) return true;
    }
    return false;
  }

  /** The paths git does not ignore, asking git about those the known set cannot answer. */
  async keep(paths: readonly string[]): Promise<string[]> {
    const candidates = paths.filter((p) => !this.isKnownIgnored(p));
    const unknown = candidates.filter((p) => !this.notIgnored.has(p));
    const ignoredNow = await this.checkIgnore(unknown);
    if (this.notIgnored.size + unknown.length > NOT_IGNORED_CACHE_LIMIT) this.notIgnored.clear();
    for (const path of unknown) {
      if (ignoredNow.has(path)) this.ignored.add(path);
      else this.notIgnored.add(path);
    }
    return candidates.filter((p) => !ignoredNow.has(p));
  }

  /** Asks git about a folder that appeared after start; remembers it when ignored. */
  async isIgnoredFolder(relative: string): Promise<boolean> {
    if (this.isKnownIgnored(relative)) return true;
    const ignored = (await this.checkIgnore([relative])).has(relative);
    if (ignored) this.ignored.add(relative);
    return ignored;
  }

  /** After a .gitignore changed: recomputes the set and says which folders changed sides. */
  async reload(): Promise<IgnoreReload> {
    const before = this.ignored;
    const after = await listIgnored(this.repo);
    this.ignored = after;
    this.notIgnored.clear();
    // The long-lived checker has the old rules cached.
    this.checker.restart();
    return {
      nowIgnored: [...after].filter((p) => !before.has(p)),
      noLongerIgnored: [...before].filter((p) => !after.has(p)),
    };
  }

  close(): void {
    this.checker.close();
  }

  private async checkIgnore(paths: readonly string[]): Promise<Set<string>> {
    const answers = await Promise.all(paths.map((p) => this.checker.ask(p)));
    // A negated pattern (`!keep.log`) matching means "not ignored".
    return new Set(answers.filter(([source, , pattern]) => source !== '' && !pattern!.startsWith('!')).map(([, , , path]) => path!));
  }
}

async function listIgnored(repo: string): Promise<Set<string>> {
  const output = await gitRead(repo, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--no-empty-directory']);
  return new Set(splitNul(output).map((p) => p.replace(/\/$/, '')));
}
