/** Turns `git diff <blob> <blob>` output into a diff that names the file and the versions. */
import type { JournalVersion } from './journal-types';

const describe = (version: JournalVersion): string =>
  `version ${version.version}, ${version.agentId ?? 'no agent'}, ${version.at}`;

/**
 * git labels a blob-to-blob diff with the blob ids; the header (everything before the first hunk
 * or "Binary files" line) is replaced with the path, and a deleted side becomes /dev/null.
 */
export function formatVersionDiff(raw: string, path: string, from: JournalVersion, to: JournalVersion): string {
  const lines = raw.split('\n');
  const bodyStart = lines.findIndex((line) => line.startsWith('@@') || line.startsWith('Binary files'));
  const body = bodyStart < 0 ? [] : lines.slice(bodyStart);
  const oldName = from.state === 'deleted' ? '/dev/null' : `a/${path}`;
  const newName = to.state === 'deleted' ? '/dev/null' : `b/${path}`;
  if (body[0]?.startsWith('Binary files')) body[0] = `Binary files ${oldName} and ${newName} differ`;
  const header = [`diff --git a/${path} b/${path}`, `--- ${oldName}\t(${describe(from)})`, `+++ ${newName}\t(${describe(to)})`];
  return [...header, ...body].join('\n');
}
