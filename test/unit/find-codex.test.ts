/**
 * Which Codex runs: a configured path (flag, SWITCHYARD_CODEX_PATH, setting) first, then the
 * user's `codex` on PATH, then the bundled @openai/codex; an npm wrapper resolves to its native
 * binary; a configured path that cannot run is an error, never a fallback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredCodex, findCodex } from '../../src/core/codex/find-codex';
import { codexVersionWarning, compareCodexVersions, parseCodexVersion } from '../../src/core/codex/codex-version';

const APP_ROOT = path.resolve(__dirname, '..', '..');
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sy-find-'));
const executable = (dir: string, name = 'codex', mode = 0o755): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode });
  return file;
};

/** A global npm install: bin/codex → lib/node_modules/@openai/codex/bin/codex.js, native binary in the platform package. */
function npmInstall(): { binDir: string; packageRoot: string; native: string } {
  const prefix = tmp();
  const packageRoot = path.join(prefix, 'lib', 'node_modules', '@openai', 'codex');
  fs.mkdirSync(path.join(packageRoot, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(packageRoot, 'package.json'), JSON.stringify({ name: '@openai/codex', version: '0.171.0' }));
  executable(path.join(packageRoot, 'bin'), 'codex.js');
  const platformRoot = path.join(packageRoot, 'node_modules', '@openai', 'codex-linux-x64');
  const vendorBin = path.join(platformRoot, 'vendor', 'x86_64-unknown-linux-musl', 'bin');
  fs.mkdirSync(vendorBin, { recursive: true });
  fs.writeFileSync(path.join(platformRoot, 'package.json'), JSON.stringify({ name: '@openai/codex', version: '0.171.0-linux-x64' }));
  const native = executable(vendorBin);
  const binDir = path.join(prefix, 'bin');
  fs.mkdirSync(binDir);
  fs.symlinkSync(path.join('..', 'lib', 'node_modules', '@openai', 'codex', 'bin', 'codex.js'), path.join(binDir, 'codex'));
  return { binDir, packageRoot, native };
}

describe('findCodex', () => {
  it('runs a configured path before the codex on PATH and the bundled one, and says where it came from', () => {
    const configured = executable(tmp());
    const onPathDir = tmp();
    executable(onPathDir);
    for (const [from, reason] of [
      ['flag', 'from --codex-path'],
      ['env', 'from SWITCHYARD_CODEX_PATH'],
      ['setting', 'from the Codex path setting'],
    ] as const) {
      expect(findCodex({ searchRoots: [APP_ROOT], configured: { path: configured, from }, envPath: onPathDir })).toEqual({
        path: configured,
        source: from,
        reason,
        env: {},
      });
    }
  });

  it("runs the user's codex on PATH before the bundled one", () => {
    const onPathDir = tmp();
    const onPath = executable(onPathDir);
    expect(findCodex({ searchRoots: [APP_ROOT], envPath: `/nonexistent${path.delimiter}${onPathDir}` })).toEqual({
      path: onPath,
      source: 'path',
      reason: 'on PATH',
      env: {},
    });
  });

  it('runs the bundled @openai/codex native binary when nothing else is there', () => {
    const found = findCodex({ searchRoots: [tmp(), APP_ROOT], envPath: tmp() });
    expect(found).toMatchObject({ source: 'bundled', reason: 'bundled', env: { CODEX_MANAGED_BY_NPM: '1' } });
    expect(found.path).toMatch(/vendor\/[\w-]+\/bin\/codex$/);
    expect(fs.statSync(found.path).isFile()).toBe(true);
  });

  it("calls the app's own node_modules/.bin/codex (first on PATH under npm run) bundled", () => {
    const found = findCodex({ searchRoots: [APP_ROOT], envPath: path.join(APP_ROOT, 'node_modules', '.bin') });
    expect(found).toMatchObject({ source: 'bundled', reason: 'bundled' });
    expect(found.path).toBe(findCodex({ searchRoots: [APP_ROOT], envPath: '' }).path);
  });

  it('resolves an npm-installed codex (the Node wrapper) to the native binary it would start', () => {
    const install = npmInstall();
    const found = findCodex({ searchRoots: [tmp()], envPath: install.binDir, platform: 'linux', arch: 'x64' });
    expect(found).toEqual({
      path: install.native,
      source: 'path',
      reason: 'on PATH',
      env: { CODEX_MANAGED_PACKAGE_ROOT: fs.realpathSync(install.packageRoot), CODEX_MANAGED_BY_NPM: '1' },
    });
    const viaFlag = findCodex({ searchRoots: [], configured: { path: path.join(install.binDir, 'codex'), from: 'flag' }, platform: 'linux', arch: 'x64' });
    expect(viaFlag).toMatchObject({ path: install.native, source: 'flag' });
  });

  it('refuses a configured path that is missing, not executable or relative, even with a codex on PATH', () => {
    const onPathDir = tmp();
    executable(onPathDir);
    const find = (configured: string, from: 'flag' | 'env' | 'setting') => () =>
      findCodex({ searchRoots: [APP_ROOT], configured: { path: configured, from }, envPath: onPathDir });
    expect(find('/no/such/codex', 'env')).toThrow('The Codex binary from SWITCHYARD_CODEX_PATH (/no/such/codex) does not exist.');
    const plain = executable(tmp(), 'codex', 0o644);
    expect(find(plain, 'setting')).toThrow(`The Codex binary from the Codex path setting (${plain}) is not an executable file.`);
    expect(find(tmp(), 'flag')).toThrow(/from --codex-path .* is not an executable file/);
    expect(find('bin/codex', 'flag')).toThrow('The Codex binary from --codex-path (bin/codex) is not an absolute path.');
  });

  it('names every place it looked when none has Codex', () => {
    expect(() => findCodex({ searchRoots: [tmp()], envPath: tmp() })).toThrow(
      /no path is configured \(--codex-path, SWITCHYARD_CODEX_PATH or the Codex path setting\), there is no `codex` on PATH, and @openai\/codex is not installed/,
    );
  });
});

describe('configuredCodex', () => {
  it('takes --codex-path over SWITCHYARD_CODEX_PATH over the setting, and none when none is set', () => {
    expect(configuredCodex({ flag: '/f', env: '/e', setting: '/s' })).toEqual({ path: '/f', from: 'flag' });
    expect(configuredCodex({ env: '/e', setting: '/s' })).toEqual({ path: '/e', from: 'env' });
    expect(configuredCodex({ flag: '', env: '', setting: '/s' })).toEqual({ path: '/s', from: 'setting' });
    expect(configuredCodex({ setting: null })).toBeNull();
  });
});

describe('parseCodexVersion', () => {
  it('reads the version out of `codex --version`', () => {
    expect(parseCodexVersion('codex-cli 0.171.0\n')).toBe('0.171.0');
    expect(parseCodexVersion('codex-cli 0.172.0-alpha.3')).toBe('0.172.0-alpha.3');
    expect(parseCodexVersion('usage: something else')).toBeNull();
  });
});

describe('codexVersionWarning', () => {
  it('warns of a Codex older than the oldest tested, and of nothing else', () => {
    expect(compareCodexVersions('0.170.1', '0.171.0')).toBeLessThan(0);
    expect(compareCodexVersions('0.171.0', '0.171.0-alpha.1')).toBe(0);
    expect(compareCodexVersions('1.0.0', '0.999.9')).toBeGreaterThan(0);
    expect(codexVersionWarning('0.150.2')).toMatch(/^Codex 0\.150\.2 is older than 0\.169\.0, the oldest Switchyard is tested with/);
    expect(codexVersionWarning('0.169.0')).toBeNull();
    expect(codexVersionWarning('0.172.0')).toBeNull();
    expect(codexVersionWarning(null)).toBeNull();
  });
});
