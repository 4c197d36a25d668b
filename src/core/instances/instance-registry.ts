/**
 * How the CLI finds the running Switchyard (app or `serve`) for a repository without being told a
 * port: each instance writes `<runtime dir>/switchyard-<uid>/instances/<hash of repo>.json` with
 * its port and token. The directory is private (0700) and the file 0600, so only this user can
 * read the token. A file whose pid is gone is stale and removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from '../agents/agent-processes';

/**
 * Checked by hand rather than with a zod schema: every CLI call reads this file, and loading zod
 * alone costs more than the rest of a `switchyard status` round trip.
 */
export interface InstanceInfo {
  repo: string;
  pid: number;
  port: number;
  token: string;
  /** The control socket (hooks, MCP, CLI); absent in files from older versions. */
  controlSocket?: string;
  kind: 'serve' | 'electron';
  startedAt: string;
}

/** The instance described by parsed JSON, or null when it is not one (a corrupt or foreign file). */
export function parseInstanceInfo(value: unknown): InstanceInfo | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const isString = (x: unknown): x is string => typeof x === 'string';
  if (!isString(v.repo) || !Number.isInteger(v.pid) || !Number.isInteger(v.port) || !isString(v.token)) return null;
  if (v.controlSocket !== undefined && !isString(v.controlSocket)) return null;
  if (v.kind !== 'serve' && v.kind !== 'electron') return null;
  if (!isString(v.startedAt)) return null;
  return {
    repo: v.repo,
    pid: v.pid as number,
    port: v.port as number,
    token: v.token,
    ...(v.controlSocket !== undefined ? { controlSocket: v.controlSocket } : {}),
    kind: v.kind,
    startedAt: v.startedAt,
  };
}

/** Parses the text of an instance file; null when it is not JSON or not an instance. */
function parseInstanceText(raw: string): InstanceInfo | null {
  try {
    return parseInstanceInfo(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.SWITCHYARD_RUNTIME_DIR ?? env.XDG_RUNTIME_DIR ?? os.tmpdir();
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(base, `switchyard-${uid}`);
}

/** Creates the private directory, refusing one that another user could read or replace. */
export function privateDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.isSymbolicLink()) {
    throw new Error(`${dir} is not a directory; remove it so Switchyard can create its runtime folder.`);
  }
  if (process.platform !== 'win32') {
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
      throw new Error(`${dir} belongs to another user; Switchyard will not keep its access token there.`);
    }
    if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  }
  return dir;
}

export function instanceFile(repo: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256').update(repo).digest('hex').slice(0, 24);
  return path.join(runtimeDir(env), 'instances', `${key}.json`);
}

export function writeInstance(info: InstanceInfo, env: NodeJS.ProcessEnv = process.env): string {
  const file = instanceFile(info.repo, env);
  privateDir(runtimeDir(env));
  privateDir(path.dirname(file));
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info, null, 2), { mode: 0o600 });
  fs.renameSync(temp, file);
  return file;
}

/** The live instance serving `repo`, or null. */
export function readInstance(repo: string, env: NodeJS.ProcessEnv = process.env): InstanceInfo | null {
  const file = instanceFile(repo, env);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const info = parseInstanceText(raw);
  if (!info) {
    fs.rmSync(file, { force: true });
    return null;
  }
  if (info.repo !== repo || !isAlive(info.pid)) {
    fs.rmSync(file, { force: true });
    return null;
  }
  return info;
}

/** Removes the file only if it still describes this process (a newer instance may own it now). */
export function removeInstance(repo: string, pid: number, env: NodeJS.ProcessEnv = process.env): void {
  const file = instanceFile(repo, env);
  try {
    if (parseInstanceText(fs.readFileSync(file, 'utf8'))?.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // Nothing to remove.
  }
}

/** Every live instance of this user, newest first (stale files are removed on the way). */
export function listInstances(env: NodeJS.ProcessEnv = process.env): InstanceInfo[] {
  const dir = path.join(runtimeDir(env), 'instances');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const live: InstanceInfo[] = [];
  for (const name of names) {
    let info: InstanceInfo | null;
    try {
      info = parseInstanceText(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    // readInstance checks the pid and that the file is the one for its repository.
    const checked = info ? readInstance(info.repo, env) : null;
    if (checked) live.push(checked);
  }
  return live.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
