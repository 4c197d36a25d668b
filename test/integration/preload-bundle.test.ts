/**
 * The built preload runs sandboxed, where `require` knows only a few of Electron's own modules: a
 * package it pulled in through a shared file (zod, by importing a schema) would stop the window
 * from getting its bridge, which no test without the Electron binary would notice otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../harness/serve-process';

describe('the built preload', () => {
  it('requires nothing but electron', () => {
    const bundle = fs.readFileSync(path.join(APP_ROOT, 'out', 'preload', 'index.js'), 'utf8');
    const required = [...bundle.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    expect([...new Set(required)]).toEqual(['electron']);
  });
});
