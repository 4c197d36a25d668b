/**
 * `npm start` where Electron's binary is missing (as on our build machines): one clear sentence,
 * then the browser UI through `switchyard serve` on the folder it was started from.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, APP_ROOT } from '../harness/serve-process';
import { makeTempRepo } from '../harness/temp-repo';

function hasElectronBinary(): boolean {
  try {
    const binary = createRequire(path.join(APP_ROOT, 'package.json'))('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary);
  } catch {
    return false;
  }
}

const electronPresent = hasElectronBinary();
if (electronPresent) console.warn('SKIPPED npm start fallback test: Electron is installed here, so npm start opens the window.');

describe.skipIf(electronPresent)('npm start without Electron', () => {
  it('says why in one sentence and serves the browser UI for the folder it ran in', async () => {
    const repo = makeTempRepo();
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'scripts', 'start.mjs')], {
      cwd: APP_ROOT,
      env: cliEnv({ INIT_CWD: repo.dir, SWITCHYARD_NO_ELECTRON_DOWNLOAD: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!/token=/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stderr).toMatch(/Electron's binary is not installed here \(.+\), so Switchyard is starting its browser UI instead/);
      expect(stdout).toMatch(new RegExp(`Switchyard is serving ${repo.dir} at http://127\\.0\\.0\\.1:\\d+/\\?token=`));
      const url = /(http:\S+)/.exec(stdout)![1]!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Switchyard</title>');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      repo.remove();
    }
  });
});
