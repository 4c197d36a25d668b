/** How the CLI finds a running Switchyard for a repository. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceFile, readInstance, removeInstance, runtimeDir, writeInstance } from '../../src/core/instances/instance-registry';

const env = (): NodeJS.ProcessEnv => ({ SWITCHYARD_RUNTIME_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sy-rt-')) });
const info = (repo: string, pid = process.pid) => ({
  repo,
  pid,
  port: 4321,
  token: 'secret',
  kind: 'serve' as const,
  startedAt: new Date().toISOString(),
});

describe('instance registry', () => {
  it('writes a private file per repository and reads it back', () => {
    const e = env();
    const file = writeInstance(info('/repo/a'), e);
    expect(readInstance('/repo/a', e)).toMatchObject({ port: 4321, token: 'secret' });
    expect(readInstance('/repo/b', e)).toBeNull();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(runtimeDir(e)).mode & 0o777).toBe(0o700);
  });

  it('treats a file whose process is gone as stale and removes it', () => {
    const e = env();
    writeInstance(info('/repo/a', 2 ** 22 + 12345), e);
    expect(readInstance('/repo/a', e)).toBeNull();
    expect(fs.existsSync(instanceFile('/repo/a', e))).toBe(false);
  });

  it('ignores a corrupt file', () => {
    const e = env();
    writeInstance(info('/repo/a'), e);
    fs.writeFileSync(instanceFile('/repo/a', e), '{not json');
    expect(readInstance('/repo/a', e)).toBeNull();
  });

  it('ignores and removes a file that is not an instance, and drops unknown fields', () => {
    const e = env();
    const file = writeInstance(info('/repo/a'), e);
    fs.writeFileSync(file, JSON.stringify({ ...info('/repo/a'), kind: 'other' }));
    expect(readInstance('/repo/a', e)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ ...info('/repo/a'), pid: '1' }));
    expect(readInstance('/repo/a', e)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ ...info('/repo/a'), controlSocket: '/s.sock', extra: 1 }));
    expect(readInstance('/repo/a', e)).toEqual({ ...info('/repo/a'), controlSocket: '/s.sock', startedAt: expect.any(String) });
  });

  it('removes only its own file', () => {
    const e = env();
    writeInstance(info('/repo/a'), e);
    removeInstance('/repo/a', process.pid + 1, e);
    expect(readInstance('/repo/a', e)).not.toBeNull();
    removeInstance('/repo/a', process.pid, e);
    expect(readInstance('/repo/a', e)).toBeNull();
  });
});
