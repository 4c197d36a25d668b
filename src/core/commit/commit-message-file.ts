/**
 * The message of one commit through its hooks: written to a file, passed to prepare-commit-msg
 * and commit-msg (which may rewrite it, as with `git commit`), then cleaned the way `git commit -m`
 * cleans a message.
 */
import fs from 'node:fs';
import { runCommitHook, type CommitHookName } from './commit-hooks';

export type MessageOutcome = { ok: true; message: string; hookOutput: string } | { ok: false; hook: string; exitCode: number; output: string };

/** `hooks` are the installed hooks to run (none when the user skips hooks); `hookEnv` points them at the temporary index. */
export async function finalMessage(repo: string, draft: string, file: string, hooks: ReadonlySet<CommitHookName>, hookEnv: Record<string, string>): Promise<MessageOutcome> {
  fs.writeFileSync(file, draft);
  let hookOutput = '';
  const messageHooks: Array<[CommitHookName, string[]]> = [
    ['prepare-commit-msg', [file, 'message']],
    ['commit-msg', [file]],
  ];
  for (const [hook, args] of messageHooks) {
    if (!hooks.has(hook)) continue;
    const outcome = await runCommitHook(repo, hook, args, hookEnv);
    hookOutput += outcome.output;
    if (!outcome.ok) return { ok: false, hook, exitCode: outcome.exitCode, output: outcome.output };
  }
  return { ok: true, message: cleanupMessage(fs.readFileSync(file, 'utf8')), hookOutput };
}

/**
 * `git stripspace` (what `git commit -m` applies): no trailing whitespace on any line, no
 * leading or trailing blank lines, runs of blank lines made one, and a final newline.
 * Comment lines stay, as with `-m`.
 */
export function cleanupMessage(text: string): string {
  const out: string[] = [];
  let blankPending = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\v\f\r]+$/, '');
    if (line === '') {
      blankPending = out.length > 0;
      continue;
    }
    if (blankPending) out.push('');
    blankPending = false;
    out.push(line);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
