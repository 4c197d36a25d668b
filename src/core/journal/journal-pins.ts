/**
 * Keeps journaled blobs safe from `git gc`: each batch of new blobs becomes one flat tree
 * (`git mktree`, entries named by their blob id) in a commit whose parent is the previous batch
 * (`git commit-tree -p`), and `refs/switchyard/journal` points at the newest. Everything reachable
 * from a ref survives gc; a chain costs one commit per batch instead of one ref per blob.
 */
import { firstLine, gitReadText, gitWrite } from '../git/git-runner';

export const JOURNAL_REF = 'refs/switchyard/journal';

/** New blobs are pinned in batches at most this long after the first one arrives; loose objects
 *  survive gc for two weeks by default, so the only risk in between is `gc --prune=now`. */
export const PIN_BATCH_DELAY_MS = 1_000;

/** Both author and committer; plumbing commits must not depend on the user's git identity. */
const JOURNAL_IDENTITY = {
  GIT_AUTHOR_NAME: 'Switchyard journal',
  GIT_AUTHOR_EMAIL: 'journal@switchyard.invalid',
  GIT_COMMITTER_NAME: 'Switchyard journal',
  GIT_COMMITTER_EMAIL: 'journal@switchyard.invalid',
};

/** A regular-file entry is enough to keep a blob reachable, whatever the file's real mode was. */
const PIN_ENTRY_MODE = '100644';

export class JournalPins {
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** The commit this instance wrote last, so a batch needs no rev-parse; undefined until known. */
  private head: string | null | undefined = undefined;

  constructor(
    private readonly repo: string,
    private readonly onError: (error: Error) => void,
    private readonly delayMs = PIN_BATCH_DELAY_MS,
  ) {}

  pin(blob: string): void {
    this.waiting.add(blob);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** Pins every blob handed in so far; resolves when the ref points at them. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.waiting];
    this.waiting.clear();
    if (batch.length > 0) {
      this.flushing = this.flushing.then(() =>
        this.commit(batch).catch((error: unknown) => {
          // Keep them for the next batch rather than lose the protection, and re-read the ref then.
          for (const blob of batch) this.waiting.add(blob);
          this.head = undefined;
          this.onError(error instanceof Error ? error : new Error(String(error)));
        }),
      );
    }
    return this.flushing;
  }

  private async commit(blobs: string[]): Promise<void> {
    const entries = blobs.map((blob) => `${PIN_ENTRY_MODE} blob ${blob}\t${blob}\n`).join('');
    const tree = firstLine((await gitWrite(this.repo, ['mktree'], { input: entries })).stdout);
    const parent = this.head === undefined ? await currentJournalCommit(this.repo) : this.head;
    const message = `Switchyard journal: ${blobs.length} version(s)`;
    const commit = firstLine((await gitWrite(this.repo, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], { env: JOURNAL_IDENTITY })).stdout);
    // Compare-and-swap: if another Switchyard moved the ref, the next batch chains onto its commit.
    await gitWrite(this.repo, ['update-ref', '-m', message, JOURNAL_REF, commit, parent ?? '']);
    this.head = commit;
  }
}

export async function currentJournalCommit(repo: string): Promise<string | null> {
  const out = await gitReadText(repo, ['rev-parse', '-q', '--verify', `${JOURNAL_REF}^{commit}`], { okExitCodes: [1] });
  return out.trim() || null;
}
