/**
 * Stores files in the repository's object store through one long-lived
 * `git hash-object -w --no-filters --stdin-paths`. `--no-filters` keeps the bytes exactly as they
 * are on disk, which is what a restore must write back.
 */
import { GitCoprocess } from './git-coprocess';

export class PathHasher {
  private readonly git: GitCoprocess;

  constructor(repo: string) {
    this.git = new GitCoprocess({ repo, args: ['hash-object', '-w', '--no-filters', '--stdin-paths'], terminator: '\n', fieldsPerAnswer: 1 });
  }

  /** The blob id of the file at `absolutePath` (written to the object store). Rejects if it cannot be read. */
  async hash(absolutePath: string): Promise<string> {
    // git unquotes a line that starts with a quote; an absolute path never does.
    if (!absolutePath.startsWith('/')) throw new Error(`${JSON.stringify(absolutePath)} is not absolute.`);
    const [blob] = await this.git.ask(absolutePath);
    return blob!.trim();
  }

  close(): void {
    this.git.close();
  }
}
