/**
 * `switchyard instance` (hidden): what a remote Switchyard's SSH tunnel asks this machine for.
 * It prints the port and token of the Switchyard serving a repository (from the 0600 instance
 * file), starting `serve` first with `--start`. The token leaves only on stdout, which is the
 * SSH channel when the far side asks; it is never on a command line.
 *
 * The started serve is detached (its own session, stdio to `<repo>/.agents/serve.log`), so it and
 * its agents outlive the SSH connection that started it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readInstance, type InstanceInfo } from '../core/instances/instance-registry';
import { CliError } from './cli-error';
import { repoFromArgument, type Output } from './commands';

export interface InstanceCommandOptions {
  repo: string;
  start?: boolean;
  json?: boolean;
  whichCodex?: boolean;
  appRoot: string;
}

/** How long a started serve may take to write its instance file (a cold start on a slow host). */
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** What the tunnel reads back: the far core's port and token, and whether this call started it. */
export interface InstanceAnswer {
  repo: string;
  pid: number;
  port: number;
  token: string;
  kind: InstanceInfo['kind'];
  started: boolean;
}

export async function instanceCommand(options: InstanceCommandOptions, output: Output): Promise<void> {
  if (options.whichCodex) {
    // The same search serve makes, minus a repository's own setting (not read before it runs).
    const { findCodex, configuredCodex } = await import('../core/codex/find-codex');
    const codex = findCodex({ searchRoots: [options.appRoot], configured: configuredCodex({ env: process.env.SWITCHYARD_CODEX_PATH }) });
    output.out(codex.path);
    return;
  }
  const repo = await repoFromArgument(options.repo);
  let instance = readInstance(repo);
  let started = false;
  if (!instance) {
    if (!options.start) throw new CliError(`No Switchyard is running for ${repo}.`);
    instance = await startDetachedServe(repo);
    started = true;
  }
  const answer: InstanceAnswer = { repo, pid: instance.pid, port: instance.port, token: instance.token, kind: instance.kind, started };
  output.out(options.json ? JSON.stringify(answer) : `${repo} pid ${answer.pid} port ${answer.port}${started ? ' (started)' : ''}`);
}

async function startDetachedServe(repo: string): Promise<InstanceInfo> {
  const logFile = path.join(repo, '.agents', 'serve.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  // process.argv[1] is how this command was started (bin/switchyard.js or the bundle): the same for serve.
  const child = spawn(process.execPath, [process.argv[1]!, 'serve', '--repo', repo], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd: repo,
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const instance = readInstance(repo);
    if (instance) return instance;
    if (exitCode !== undefined) {
      throw new CliError(`switchyard serve for ${repo} exited with code ${String(exitCode)} before it was ready; see ${logFile}.`);
    }
    if (Date.now() > deadline) throw new CliError(`switchyard serve for ${repo} was not ready after ${START_TIMEOUT_MS / 1000} s; see ${logFile}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
