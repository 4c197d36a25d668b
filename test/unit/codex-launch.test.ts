/** How a managed Codex is found and what argv and environment it gets. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAgentEnv } from '../../src/core/agents/agent-env';
import { buildCodexArgs } from '../../src/core/codex/codex-args';
import { findCodex } from '../../src/core/codex/find-codex';

const APP_ROOT = path.resolve(__dirname, '..', '..');

describe('buildCodexArgs', () => {
  it('disables the daemon, trusts the repo for this run, and passes the task after --', () => {
    const args = buildCodexArgs({ repo: '/w/my "repo"', task: '--help me', extraArgs: ['-m', 'o3'] });
    expect(args).toEqual([
      '--disable',
      'daemon_auto_start',
      '-c',
      'projects={"/w/my \\"repo\\""={trust_level="trusted"}}',
      '-m',
      'o3',
      '--',
      '--help me',
    ]);
  });

  it('lets the daemon run only when asked', () => {
    expect(buildCodexArgs({ repo: '/r', task: 't', extraArgs: [], allowDaemon: true })).not.toContain('daemon_auto_start');
  });
});

describe('findCodex', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sy-find-'));
  const executable = (dir: string, name = 'codex'): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  };

  it("prefers the project's own @openai/codex dependency", () => {
    const configured = executable(tmp());
    const found = findCodex({ searchRoots: [APP_ROOT], configuredPath: configured, envPath: '' });
    expect(found.source).toBe('dependency');
    expect(found.path).toMatch(/codex$/);
    expect(fs.existsSync(found.path)).toBe(true);
  });

  it('falls back to the configured path, then PATH', () => {
    const noDeps = tmp();
    const configured = executable(tmp());
    const onPathDir = tmp();
    const onPath = executable(onPathDir);
    expect(findCodex({ searchRoots: [noDeps], configuredPath: configured, envPath: onPathDir })).toMatchObject({
      source: 'configured',
      path: configured,
    });
    expect(findCodex({ searchRoots: [noDeps], envPath: `/nonexistent${path.delimiter}${onPathDir}` })).toMatchObject({
      source: 'path',
      path: onPath,
    });
  });

  it('names all three places when none has Codex', () => {
    const noDeps = tmp();
    expect(() => findCodex({ searchRoots: [noDeps], configuredPath: '/no/such/codex', envPath: tmp() })).toThrow(
      /@openai\/codex is not installed in .*configured path \/no\/such\/codex.*no `codex` on PATH/,
    );
  });
});

describe('buildAgentEnv', () => {
  it('adds the agent id and CODEX_HOME, and keeps Electron variables out', () => {
    const env = buildAgentEnv({
      base: { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '--inspect', HOME: '/h' },
      agentId: 'fixer-1a2b',
      codexHome: '/tmp/ch',
      codexEnv: { CODEX_MANAGED_BY_NPM: '1' },
    });
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/h', SWITCHYARD_AGENT_ID: 'fixer-1a2b', CODEX_HOME: '/tmp/ch', CODEX_MANAGED_BY_NPM: '1' });
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
  });
});
