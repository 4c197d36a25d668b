/**
 * An isolated agent's launch: Codex runs in its worktree and trusts that folder, the record keeps
 * the workspace from the queue on, and an agent whose worktree is gone fails with the reason
 * instead of starting Codex in a folder that does not exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAgentCommand, WORKTREE_SETUP_ENV } from '../../../src/core/agents/agent-command';
import { AgentProcess } from '../../../src/core/agents/agent-process';
import { AgentSupervisor } from '../../../src/core/agents/agent-supervisor';
import { queuedAgent } from '../../../src/core/agents/queued-agent';
import { TerminalSessions } from '../../../src/core/terminals/terminal-sessions';
import { LaunchInputSchema } from '../../../src/shared/contract';
import type { AgentWorkspace } from '../../../src/shared/domain';
import { FakePtySpawner } from '../../harness/fake-pty';
import { ManualClock } from '../../harness/manual-clock';

const dirs: string[] = [];
const terminals = new TerminalSessions();
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  terminals.disposeAll();
});

const workspaceAt = (dir: string): AgentWorkspace => ({ kind: 'isolated', path: dir, branch: 'switchyard/iso', base: 'a'.repeat(40), baseBranch: 'main' });
const request = LaunchInputSchema.parse({ name: 'iso', task: 'do it', isolated: true });

describe('isolated launches', () => {
  it('run Codex in the worktree and trust that folder', () => {
    const workspace = workspaceAt('/repo/.agents/worktrees/iso-1');
    const agent = queuedAgent(request, { id: 'iso-1', repo: '/repo', after: [], now: 0, workspace });
    const command = buildAgentCommand({
      repo: '/repo',
      agent,
      codex: { path: '/bin/codex', env: {} } as unknown as Parameters<typeof buildAgentCommand>[0]['codex'],
      resumeSessionId: null,
      baseEnv: {},
      hookCommand: null,
      hookToken: 't',
      mcpCommand: null,
      controlSocket: null,
    });
    expect(command.cwd).toBe(workspace.path);
    expect(command.args).toContain(`projects={${JSON.stringify(workspace.path)}={trust_level="trusted"}}`);
  });

  it('wrap Codex in the worktree setup command at the first start only, and only for an isolated agent', () => {
    const workspace = workspaceAt('/repo/.agents/worktrees/iso-1');
    const isolated = queuedAgent(request, { id: 'iso-1', repo: '/repo', after: [], now: 0, workspace });
    const shared = queuedAgent({ ...request, isolated: false }, { id: 'sh-1', repo: '/repo', after: [], now: 0, workspace: null });
    const build = (agent: typeof isolated, resumeSessionId: string | null, worktreeSetup: string | null = 'npm ci') =>
      buildAgentCommand({
        repo: '/repo',
        agent,
        codex: { path: '/bin/codex', env: {} } as unknown as Parameters<typeof buildAgentCommand>[0]['codex'],
        resumeSessionId,
        baseEnv: {},
        hookCommand: null,
        hookToken: 't',
        mcpCommand: null,
        controlSocket: null,
        worktreeSetup,
      });
    const first = build(isolated, null);
    expect(first.file).toBe('/bin/sh');
    // sh -c SCRIPT codex ARGS…: the script execs "$0" "$@", which is Codex with its own arguments.
    expect(first.args.slice(2)).toEqual(['/bin/codex', ...build(isolated, null, null).args]);
    expect(first.args[1]).toContain('exec "$0" "$@"');
    // The line itself travels in the environment, never quoted into a command line.
    expect(first.env[WORKTREE_SETUP_ENV]).toBe('npm ci');
    expect(first.args.join(' ')).not.toContain('npm ci');
    expect(build(isolated, 'session-1').file).toBe('/bin/codex');
    expect(build(shared, null).file).toBe('/bin/codex');
  });

  function supervisorWith(clock: ManualClock, ptys: FakePtySpawner, failures: string[]) {
    return new AgentSupervisor({
      spawn: (options) => new AgentProcess(options, ptys.system(clock)),
      command: (agent) => ({ file: '/fake/codex', args: [agent.task], cwd: agent.workspace?.path ?? '/repo', env: {} }),
      settings: () => ({ maxConcurrent: 4, stuckAfterMinutes: 10, autoStopStuck: false }),
      clock,
      terminals,
      report: {
        changed: () => {},
        notify: () => {},
        log: () => {},
        output: () => {},
        started: () => {},
        ended: (agent) => failures.push(agent.detail ?? ''),
        removed: () => {},
      },
    });
  }

  it('keep the planned id and the workspace on the queued record, and start when the worktree exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-iso-launch-'));
    dirs.push(dir);
    const clock = new ManualClock(0);
    const ptys = new FakePtySpawner();
    const supervisor = supervisorWith(clock, ptys, []);
    const planned = supervisor.plan(request);
    const { id } = supervisor.enqueue(request, '/repo', planned, workspaceAt(dir));
    expect(id).toBe(planned.id);
    expect(supervisor.require(id).workspace).toEqual(workspaceAt(dir));
    expect(supervisor.isolated(id)).toBe(true);
    expect(ptys.spawned).toHaveLength(1);
    expect(supervisor.require(id).status).toBe('starting');
    void supervisor.dispose(true);
  });

  it('fail an agent whose worktree is gone, saying so, without starting Codex', () => {
    const clock = new ManualClock(0);
    const ptys = new FakePtySpawner();
    const failures: string[] = [];
    const supervisor = supervisorWith(clock, ptys, failures);
    const { id } = supervisor.enqueue(request, '/repo', supervisor.plan(request), workspaceAt('/nonexistent/sy-worktree'));
    expect(supervisor.require(id).status).toBe('failed');
    expect(failures).toEqual(['Its worktree /nonexistent/sy-worktree no longer exists, so it cannot run; launch a new agent.']);
    expect(ptys.spawned).toEqual([]);
    void supervisor.dispose(true);
  });
});
