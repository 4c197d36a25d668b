#!/usr/bin/env node
// Compiles the native hook client (src/core/gate/hook-client/hook-client.c) with the system C
// compiler into out/hook-client/, which `electron-vite build` leaves alone (it empties only
// out/main, out/preload and out/renderer). Runs in `npm run build` and after `npm install`.
// Without a compiler it says so and exits 0: the core then runs the Node hook instead and tells
// the user (src/core/gate/hook-command-line.ts reads the reason written here).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src', 'core', 'gate', 'hook-client', 'hook-client.c');
const outDir = path.join(root, 'out', 'hook-client');
const binary = path.join(outDir, 'switchyard-hook');
const unavailable = path.join(outDir, 'unavailable.txt');

function giveUp(reason) {
  fs.mkdirSync(outDir, { recursive: true });
  // A stale binary might speak an older protocol: better the Node hook than a wrong answer.
  fs.rmSync(binary, { force: true });
  fs.writeFileSync(unavailable, `${reason}\n`);
  process.stderr.write(`switchyard: the native hook client was not built (${reason}); agents' hooks will run on Node, which costs more per tool call.\n`);
  process.exit(0);
}

if (process.platform === 'win32') giveUp('Windows has no native hook client yet');
if (!fs.existsSync(source)) giveUp(`${source} is missing`);
const upToDate = fs.existsSync(binary) && fs.statSync(binary).mtimeMs >= fs.statSync(source).mtimeMs;
if (upToDate && process.argv[2] !== '--force') process.exit(0);

fs.mkdirSync(outDir, { recursive: true });
const compiler = process.env.CC || 'cc';
const temporary = `${binary}.${process.pid}.tmp`;
const result = spawnSync(compiler, ['-O2', '-std=c99', '-D_POSIX_C_SOURCE=200809L', '-Wall', '-Wextra', '-o', temporary, source], {
  encoding: 'utf8',
});
if (result.error || result.status !== 0) {
  fs.rmSync(temporary, { force: true });
  const why = result.error ? `${compiler}: ${result.error.message}` : `${compiler} failed: ${result.stderr.trim().split('\n')[0] ?? ''}`;
  giveUp(why);
}
fs.renameSync(temporary, binary);
fs.rmSync(unavailable, { force: true });
