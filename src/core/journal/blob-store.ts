/** Blobs in the repository's own object store: write bytes, read them back. */
import { runGit, runGitText } from './background-git';

/** Stores `content` as a blob exactly as given (no clean filters, no line-ending conversion). */
export async function writeBlob(repo: string, content: Buffer): Promise<string> {
  return (await runGitText(repo, ['hash-object', '-w', '--no-filters', '--stdin'], { input: content })).trim();
}

export function readBlob(repo: string, blob: string): Promise<Buffer> {
  return runGit(repo, ['cat-file', 'blob', blob]);
}

/** Whether the object store holds this blob (after a gc, only if something still refers to it). */
export async function hasBlob(repo: string, blob: string): Promise<boolean> {
  try {
    await runGit(repo, ['cat-file', '-e', `${blob}^{blob}`]);
    return true;
  } catch {
    return false;
  }
}
