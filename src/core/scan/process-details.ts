/**
 * What the OS tells about one process beyond the `ps` row: its exact argv, the Switchyard agent
 * id in its environment, and its working directory. Linux reads /proc; macOS asks lsof for the
 * working directory; elsewhere (and for other users' processes) the answer is null.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { AGENT_ID_ENV } from '../../shared/control';

const execFileAsync = promisify(execFile);

/** lsof walks every open file of each process; past this it is hung on a network mount. */
const LSOF_TIMEOUT_MS = 3_000;

export interface ProcessDetails {
  /** Exact argv, or null where only the space-joined `ps` line exists. */
  argv(pid: number): string[] | null;
  /** SWITCHYARD_AGENT_ID from its environment, or null (not set, or not readable). */
  agentId(pid: number): string | null;
  /** Working directories of these processes, where the OS reveals them. */
  cwds(pids: readonly number[]): Promise<Map<number, string>>;
}

function readProcArgv(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (raw === '') return null;
    // NUL-terminated arguments; the last one ends with a NUL too.
    return raw.replace(/\0$/, '').split('\0');
  } catch {
    return null;
  }
}

function readProcAgentId(pid: number): string | null {
  try {
    const prefix = `${AGENT_ID_ENV}=`;
    const entry = fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .find((variable) => variable.startsWith(prefix));
    return entry ? entry.slice(prefix.length) : null;
  } catch {
    return null;
  }
}

async function readProcCwds(pids: readonly number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const pid of pids) {
    try {
      found.set(pid, fs.readlinkSync(`/proc/${pid}/cwd`));
    } catch {
      // Gone, or another user's process.
    }
  }
  return found;
}

/** `lsof -Fn` prints `p<pid>` then `n<path>` per process (plus `f` lines we ignore). */
export function parseLsofCwds(output: string): Map<number, string> {
  const found = new Map<number, string>();
  let pid: number | null = null;
  for (const line of output.split('\n')) {
    if (line.startsWith('p')) pid = Number(line.slice(1));
    else if (line.startsWith('n') && pid !== null && Number.isInteger(pid)) found.set(pid, line.slice(1));
  }
  return found;
}

async function readLsofCwds(pids: readonly number[]): Promise<Map<number, string>> {
  if (pids.length === 0) return new Map();
  try {
    const { stdout } = await execFileAsync('lsof', ['-a', '-d', 'cwd', '-p', pids.join(','), '-Fn'], {
      timeout: LSOF_TIMEOUT_MS,
    });
    return parseLsofCwds(stdout);
  } catch (error) {
    // lsof exits 1 when some pid has gone; what it printed still holds for the others.
    const stdout = (error as { stdout?: unknown }).stdout;
    return typeof stdout === 'string' ? parseLsofCwds(stdout) : new Map();
  }
}

export function osProcessDetails(platform: NodeJS.Platform = process.platform): ProcessDetails {
  if (platform === 'linux') {
    return { argv: readProcArgv, agentId: readProcAgentId, cwds: readProcCwds };
  }
  const none = (): null => null;
  if (platform === 'darwin') return { argv: none, agentId: none, cwds: readLsofCwds };
  return { argv: none, agentId: none, cwds: async () => new Map() };
}
