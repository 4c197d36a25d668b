/**
 * Which hook client Codex runs: the native `switchyard-hook` when it was built (a few
 * milliseconds per event), else the Node bundle `out/main/hook.js` (a Node start-up per event),
 * with the reason, which the core shows the user once.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HookClientChoice {
  /** The argv prefix; the event argument follows. */
  command: string[];
  native: boolean;
  /** Why the Node client runs instead of the native one; null when native. */
  fallbackReason: string | null;
}

export const nativeHookClientPath = (appRoot: string): string => path.join(appRoot, 'out', 'hook-client', 'switchyard-hook');

export function chooseHookClient(appRoot: string, nodeRunner: readonly string[]): HookClientChoice {
  const native = nativeHookClientPath(appRoot);
  try {
    fs.accessSync(native, fs.constants.X_OK);
    return { command: [native], native: true, fallbackReason: null };
  } catch {
    // Fall through to the Node client.
  }
  let why = `${native} was not built; \`npm run build\` builds it with the system C compiler`;
  try {
    why = `${why} (last attempt: ${fs.readFileSync(path.join(path.dirname(native), 'unavailable.txt'), 'utf8').trim()})`;
  } catch {
    // No record of a failed attempt.
  }
  return {
    command: [...nodeRunner, path.join(appRoot, 'out', 'main', 'hook.js')],
    native: false,
    fallbackReason: `Agents' hooks run on Node, which costs a Node start-up per tool call: ${why}.`,
  };
}
