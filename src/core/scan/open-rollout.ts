/**
 * The rollout log a running Codex writes: Codex keeps `$CODEX_HOME/sessions/…/rollout-*.jsonl`
 * open for appending for the whole session, so on Linux its open files name it, whatever
 * CODEX_HOME the process was given. Elsewhere (and for other users' processes) null.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROLLOUT_FILE = /^rollout-.*\.jsonl$/;

export function openRolloutFile(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  for (const fd of fds) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (ROLLOUT_FILE.test(path.basename(target)) && target.split(path.sep).includes('sessions')) return target;
  }
  return null;
}
