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
import { z } from 'zod';
import { isAlive } from '../agents/agent-processes';

export const InstanceInfoSchema = z.object({
  repo: z.string(),
  pid: z.number().int(),
  port: z.number().int(),
  token: z.string(),
  /** The control socket (hooks, MCP, CLI); absent in files from older versions. */
  controlSocket: z.string().optional(),
  kind: z.enum(['serve', 'electron']),
  startedAt: z.string(),
});
export type InstanceInfo = z.infer<typeof InstanceInfoSchema>;

export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.SWITCHYARD_RUNTIME_DIR ?? env.XDG_RUNTIME_DIR ?? os.tmpdir();
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(base, `switchyard-${uid}`);
}

/** Creates the private directory, refusing one that another user could read or replace. */
function privateDir(dir: string): string {
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
  let info: InstanceInfo;
  try {
    info = InstanceInfoSchema.parse(JSON.parse(raw));
  } catch {
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
    const info = InstanceInfoSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (info.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // Nothing to remove.
  }
}
