/**
 * The Electron shell itself, through Playwright's `_electron.launch`. Electron's binary cannot be
 * downloaded on our build machines; there the test is skipped with the reason printed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTempRepo } from '../harness/temp-repo';

const APP_ROOT = path.resolve(__dirname, '..', '..');

function electronBinary(): string | null {
  try {
    const binary = createRequire(path.join(APP_ROOT, 'package.json'))('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.warn(
    "SKIPPED Electron e2e: Electron's binary is not installed (its download from GitHub is impossible here); " +
      'run `npm start` once on a networked machine to fetch it.',
  );
}

describe.skipIf(!binary)('Electron window', () => {
  it('opens a sandboxed window on the repository: preload API present, no Node, no navigation or pop-ups', async () => {
    const repo = makeTempRepo();
    const app = await electron.launch({
      executablePath: binary!,
      args: [APP_ROOT, '--repo', repo.dir],
      env: { ...process.env, SWITCHYARD_RUNTIME_DIR: fs.mkdtempSync('/tmp/sy-rt-') },
    });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.locator('header').innerText()).toContain(repo.dir);
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (window as unknown as { switchyard?: { invoke?: unknown } }).switchyard?.invoke)).toBe('function');
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      // window.open and navigation away are both refused: the window stays on our page.
      expect(await window.evaluate("window.open('https://example.com/') === null")).toBe(true);
      const before = window.url();
      await window.evaluate("location.href = 'https://example.com/'");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(window.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      repo.remove();
    }
  });
});
