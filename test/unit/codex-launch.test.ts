/** What argv and environment a managed Codex gets (which Codex: find-codex.test.ts). */
import { describe, expect, it } from 'vitest';
import { buildAgentEnv } from '../../src/core/agents/agent-env';
import { buildCodexArgs } from '../../src/core/codex/codex-args';

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
