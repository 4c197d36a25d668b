/** Blobs in the repository's own object store: write bytes, read them back. */
import { gitRead, gitWrite } from '../git/git-runner';

/** Stores `content` as a blob exactly as given (no clean filters, no line-ending conversion). */
export async function writeBlob(repo: string, content: Buffer): Promise<string> {
  return (await gitWrite(repo, ['hash-object', '-w', '--no-filters', '--stdin'], { input: content })).stdout.toString('utf8').trim();
}

export function readBlob(repo: string, blob: string): Promise<Buffer> {
  return gitRead(repo, ['cat-file', 'blob', blob]);
}

/** Whether the object store holds this blob (after a gc, only if something still refers to it). */
export async function hasBlob(repo: string, blob: string): Promise<boolean> {
  try {
    await gitRead(repo, ['cat-file', '-e', `${blob}^{blob}`]);
    return true;
  } catch {
    return false;
  }
}
