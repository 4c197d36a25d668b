#!/usr/bin/env node
// `npm start`: opens the Switchyard window. Electron's binary is downloaded on the first start
// (npm install skips it, so an install never fails for want of it); where that download is
// impossible, the same UI starts in the browser through `switchyard serve`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const repoFlag = args.indexOf('--repo');
const repo = path.resolve(repoFlag >= 0 && args[repoFlag + 1] ? args[repoFlag + 1] : (process.env.INIT_CWD ?? process.cwd()));
const DOWNLOAD_TIMEOUT_MS = 3 * 60_000;
// After a failed download, later starts go straight to the browser UI for a while instead of
// waiting on the network again.
const RETRY_AFTER_MS = 60 * 60_000;
const failureMarker = path.join(root, 'node_modules', '.cache', 'switchyard', 'electron-download-failed');

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs Electron's own installer once; returns why it failed, or null on success. */
function downloadElectron() {
  if (process.env.SWITCHYARD_NO_ELECTRON_DOWNLOAD === '1') return 'SWITCHYARD_NO_ELECTRON_DOWNLOAD is set';
  let installer;
  try {
    installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return 'the electron package is not installed';
  }
  try {
    const last = JSON.parse(fs.readFileSync(failureMarker, 'utf8'));
    if (Date.now() - last.at < RETRY_AFTER_MS) return `${last.reason}; retried after an hour, or delete ${failureMarker}`;
  } catch {
    // No recent failure.
  }
  process.stderr.write("Downloading Electron's binary (first start only)…\n");
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS });
  if (result.status === 0 && electronBinary()) return null;
  const firstLine = `${result.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? 'the download did not finish';
  fs.mkdirSync(path.dirname(failureMarker), { recursive: true });
  fs.writeFileSync(failureMarker, JSON.stringify({ at: Date.now(), reason: firstLine.trim() }));
  return firstLine.trim();
}

function isGitRepo(dir) {
  try {
    execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

let binary = electronBinary();
const whyNot = binary ? null : downloadElectron();
binary ??= electronBinary();

const switchyard = path.join(root, 'bin', 'switchyard.js');
if (binary) {
  // The window runs the build in out/: rebuild it when any source is newer (`serve` below checks
  // the same itself).
  const buildState = require('./bin/build-state.js');
  if (!buildState.skipBuild() && buildState.isBuildStale()) buildState.build();
  run(binary, [root, '--repo', repo]);
} else {
  process.stderr.write(
    `Electron's binary is not installed here (${whyNot}), so Switchyard is starting its browser UI instead: open the URL below.\n`,
  );
  run(process.execPath, [switchyard, 'serve', ...(isGitRepo(repo) ? ['--repo', repo] : ['--no-repo'])]);
}
