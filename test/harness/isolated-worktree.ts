/**
 * An isolated agent's worktree made by Switchyard's own `createAgentWorktree` (as a launch makes
 * it), with the registry record that names it, for tests that need an isolated agent without a
 * running Codex. `.agents/` is excluded as opening a repository excludes it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { excludeAgentsFolder } from '../../src/core/registry/git-exclude';
import { createAgentWorktree } from '../../src/core/worktrees/agent-worktree';
import { AgentSchema, type Agent, type AgentStatus } from '../../src/shared/domain';
import type { TempRepo } from './temp-repo';

export interface IsolatedWorktree {
  agent: Agent;
  /** The worktree's absolute path. */
  path: string;
  /** Runs git in the worktree (as the agent's own git would). */
  git(...args: string[]): string;
  write(relative: string, content: string): void;
}

export async function isolatedWorktree(repo: TempRepo, agent: { id: string; task: string; status: AgentStatus }): Promise<IsolatedWorktree> {
  excludeAgentsFolder(repo.dir);
  const workspace = await createAgentWorktree(repo.dir, { id: agent.id, name: agent.id });
  const record = AgentSchema.parse({
    id: agent.id, name: agent.id, task: agent.task, status: agent.status, pid: null, repo: repo.dir, claims: [], cols: 80, rows: 24,
    startedAt: '2026-01-01T00:00:00Z', endedAt: null, exitCode: null, detail: null, workspace,
  });
  return {
    agent: record,
    path: workspace.path,
    git: (...args) => execFileSync('git', args, { cwd: workspace.path, encoding: 'utf8' }),
    write: (relative, content) => {
      fs.mkdirSync(path.dirname(path.join(workspace.path, relative)), { recursive: true });
      fs.writeFileSync(path.join(workspace.path, relative), content);
    },
  };
}
