/**
 * Finds a Chromium for Playwright without downloading one: $SWITCHYARD_CHROMIUM, Debian's
 * /usr/bin/chromium, or a browser Playwright installed itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | null {
  const candidates = [
    process.env.SWITCHYARD_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter((c): c is string => Boolean(c));
  const playwrightCache = path.join(os.homedir(), '.cache', 'ms-playwright');
  if (fs.existsSync(playwrightCache)) {
    for (const dir of fs.readdirSync(playwrightCache).filter((d) => d.startsWith('chromium-')).sort().reverse()) {
      candidates.push(path.join(playwrightCache, dir, 'chrome-linux', 'chrome'));
    }
  }
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}
