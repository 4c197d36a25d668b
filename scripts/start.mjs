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
const givenRepo = repoFlag >= 0 && args[repoFlag + 1] ? path.resolve(args[repoFlag + 1]) : null;
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

/** The work tree root of the repository `dir` is in, or null. */
function gitRoot(dir) {
  try {
    return fs.realpathSync(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/** Whether `dir` is Switchyard's own folder or inside it (as src/core/repo/app-folder.ts decides). */
function isInAppFolder(dir) {
  const real = (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const relative = path.relative(real(root), real(dir));
  return relative === '' || !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

/**
 * The repository to open, or why none: `--repo`, else the folder `npm start` ran in, but never
 * Switchyard's own (that would put `.agents/` and agents into this clone): there the UI asks.
 */
function chooseRepo() {
  const folder = givenRepo ?? path.resolve(process.env.INIT_CWD ?? process.cwd());
  if (!givenRepo && isInAppFolder(folder)) return { repo: null, why: `no --repo was given, and ${folder} is Switchyard's own folder` };
  const repo = gitRoot(folder);
  return repo ? { repo } : { repo: null, why: `${folder} is not in a git repository` };
}

/** One line that says what is being opened, or how to choose. */
function sayWhatOpens(choice, where) {
  process.stderr.write(
    choice.repo
      ? `Switchyard: opening ${choice.repo}.\n`
      : `Switchyard: opening no repository (${choice.why}); choose one in the ${where}, or run \`npm start -- --repo /path/to/repository\`.\n`,
  );
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
  const choice = chooseRepo();
  sayWhatOpens(choice, 'window');
  run(binary, [root, ...(choice.repo ? ['--repo', choice.repo] : ['--no-repo'])]);
} else {
  process.stderr.write(
    `Electron's binary is not installed here (${whyNot}), so Switchyard is starting its browser UI instead: open the URL below.\n`,
  );
  const choice = chooseRepo();
  sayWhatOpens(choice, 'browser');
  run(process.execPath, [switchyard, 'serve', ...(choice.repo ? ['--repo', choice.repo] : ['--no-repo'])]);
}
