// Whether the app must be built before it runs, and the build itself: shared by the `switchyard`
// command (bin/switchyard.js) and `npm start` (scripts/start.mjs).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cliBundle = path.join(root, 'out', 'main', 'cli.js');
const rendererPage = path.join(root, 'out', 'renderer', 'index.html');

/** No build at all: a fresh `npm install`, or out/ deleted. Two stats. */
function isBuildMissing() {
  return !fs.existsSync(cliBundle) || !fs.existsSync(rendererPage);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** The build is missing or older than some file under src/ (walks the whole source tree). */
function isBuildStale() {
  if (isBuildMissing()) return true;
  const src = path.join(root, 'src');
  if (!fs.existsSync(src)) return false;
  return newestMtime(src) > fs.statSync(cliBundle).mtimeMs;
}

/** Runs `electron-vite build`, its messages on stderr so stdout carries only a command's result. */
function build() {
  process.stderr.write('switchyard: building the app first (electron-vite build)…\n');
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // Required here: loading child_process is a measurable part of a client call that never builds.
  const { spawnSync } = require('node:child_process');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('switchyard: the build failed; see the messages above.\n');
    process.exit(result.status ?? 1);
  }
  // The native hook client (never fails the build: without a compiler the hooks run on Node).
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-hook-client.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
}

const skipBuild = () => process.env.SWITCHYARD_SKIP_BUILD === '1';

module.exports = { root, cliBundle, isBuildMissing, isBuildStale, build, skipBuild };
