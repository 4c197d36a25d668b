/**
 * `npm start` where Electron's binary is missing (as on our build machines): one clear sentence,
 * then the browser UI through `switchyard serve` on the folder it was started from, never on
 * Switchyard's own folder.
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

/** Runs `npm start` (its script) as npm would from `initCwd`, until serve prints its URL. */
async function npmStart(initCwd: string, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(APP_ROOT, 'scripts', 'start.mjs'), ...args], {
    cwd: APP_ROOT,
    env: cliEnv({ INIT_CWD: initCwd, SWITCHYARD_NO_ELECTRON_DOWNLOAD: '1' }),
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
    const url = /(http:\S+)/.exec(stdout)?.[1];
    if (url) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Switchyard</title>');
    }
    return { stdout, stderr };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const electronPresent = hasElectronBinary();
if (electronPresent) console.warn('SKIPPED npm start fallback test: Electron is installed here, so npm start opens the window.');

describe.skipIf(electronPresent)('npm start without Electron', () => {
  it('says why in one sentence and serves the browser UI for the folder it ran in, naming it', async () => {
    const repo = makeTempRepo();
    try {
      repo.write('sub/.keep', '');
      const { stdout, stderr } = await npmStart(path.join(repo.dir, 'sub'));
      expect(stderr).toMatch(/Electron's binary is not installed here \(.+\), so Switchyard is starting its browser UI instead/);
      expect(stderr).toContain(`Switchyard: opening ${repo.dir}.`);
      expect(stdout).toMatch(new RegExp(`Switchyard is serving ${repo.dir} at http://127\\.0\\.0\\.1:\\d+/\\?token=`));
    } finally {
      repo.remove();
    }
  });

  it("run in Switchyard's own folder without --repo, opens no repository and says how to choose one", async () => {
    const { stdout, stderr } = await npmStart(APP_ROOT);
    expect(stderr).toContain(
      `Switchyard: opening no repository (no --repo was given, and ${APP_ROOT} is Switchyard's own folder); choose one in the browser, or run \`npm start -- --repo /path/to/repository\`.`,
    );
    expect(stdout).toMatch(/Switchyard is serving \(no repository\) at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('takes the repository from --repo wherever it runs', async () => {
    const repo = makeTempRepo();
    try {
      const { stdout, stderr } = await npmStart(APP_ROOT, ['--repo', repo.dir]);
      expect(stderr).toContain(`Switchyard: opening ${repo.dir}.`);
      expect(stdout).toMatch(new RegExp(`Switchyard is serving ${repo.dir} at `));
    } finally {
      repo.remove();
    }
  });
});
