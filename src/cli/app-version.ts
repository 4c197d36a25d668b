/** Switchyard's version: the one in its package.json, read where the app is installed. */
import fs from 'node:fs';
import path from 'node:path';

export function appVersion(appRoot: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
