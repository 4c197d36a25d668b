#!/usr/bin/env node
// Entry point of the `switchyard` command. Builds the app first when the build is missing or
// older than the sources (so `npx switchyard` works right after `npm install`), then runs it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'out', 'main', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(built) || !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) return true;
  const src = path.join(root, 'src');
  if (!fs.existsSync(src)) return false;
  return newestMtime(src) > fs.statSync(built).mtimeMs;
}

if (process.env.SWITCHYARD_SKIP_BUILD !== '1' && needsBuild()) {
  process.stderr.write('switchyard: building the app first (electron-vite build)…\n');
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // The build's own output goes to stderr so stdout carries only the command's result.
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('switchyard: the build failed; see the messages above.\n');
    process.exit(result.status ?? 1);
  }
  // The native hook client (never fails the build: without a compiler the hooks run on Node).
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-hook-client.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
}

require(built);
