/** The `switchyard` subcommands that talk to a running instance: launch, status, stop, rm, rename. */
import fs from 'node:fs';
import path from 'node:path';
import type { LaunchInput } from '../shared/contract';
import type { Agent } from '../shared/domain';
import { readInstance } from '../core/instances/instance-registry';
import { resolveRepo } from '../core/repo/resolve-repo';
import { CliError } from './cli-error';
import { connectToRepo, type HostClient } from './host-client';
import { runningRepoOf } from './running-repo';
import { describeCodex } from '../shared/codex-text';

export interface Output {
  out(line: string): void;
}

/** The repository root for a `--repo` argument, or a usage error (exit 2). */
export async function repoFromArgument(repoArg: string): Promise<string> {
  const running = runningRepoOf(repoArg);
  if (running) return running;
  try {
    return await resolveRepo(repoArg);
  } catch (error) {
    // A repository deleted under a running Switchyard: its instance still answers for the old
    // path, so `status` and `cleanup` can still reach (and stop) the agents it runs there.
    const absolute = path.resolve(repoArg);
    if (!fs.existsSync(absolute) && readInstance(absolute)) return absolute;
    throw new CliError((error as Error).message, 2);
  }
}

export async function withClient<T>(repoArg: string, run: (client: HostClient) => Promise<T>): Promise<T> {
  const repo = await repoFromArgument(repoArg);
  const client = await connectToRepo(repo);
  try {
    return await run(client);
  } finally {
    client.close();
  }
}

export interface LaunchOptions {
  repo: string;
  /** Required without --template; with it, overrides the template's. */
  name?: string;
  task?: string;
  /** A template in .agents/templates/ to launch from (template-commands.ts). */
  template?: string;
  /** key=value for the template's placeholders (repeatable). */
  set?: string[];
  claim: string[];
  codexArg: string[];
  codexHome?: string;
  after: string[];
  priority?: number;
  timeout?: number;
  isolated?: boolean;
  json?: boolean;
}

/** Prints the new agent's id; a name changed to stay unique is said on stderr (stdout stays the id). */
export async function launchCommand(options: LaunchOptions, output: Output, errors: Output): Promise<void> {
  // Checked before connecting: a missing --name or a bad template is said even with no Switchyard running.
  const input = await launchInputOf(options);
  await withClient(options.repo, async (client) => {
    const launched = await client.invoke('agents.launch', input);
    if (options.json) return output.out(JSON.stringify(launched));
    output.out(launched.id);
    if (launched.nameNotice) errors.out(launched.nameNotice);
  });
}

async function launchInputOf(options: LaunchOptions): Promise<Omit<LaunchInput, 'cols' | 'rows'>> {
  const { template } = options;
  if (template) return (await import('./template-commands')).templateLaunchInput(await repoFromArgument(options.repo), { ...options, template });
  return {
    name: requiredOption(options.name, '--name'),
    task: requiredOption(options.task, '--task'),
    claims: options.claim,
    codexArgs: options.codexArg,
    after: options.after,
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
    ...(options.timeout !== undefined ? { timeoutMinutes: options.timeout } : {}),
    ...(options.codexHome ? { codexHome: options.codexHome } : {}),
    ...(options.isolated ? { isolated: true } : {}),
  };
}

/** --name and --task are required unless a template gives them (commander cannot say "one of"). */
function requiredOption(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CliError(`${flag} is required (or launch from a template: --template NAME)`, 2);
  return value;
}

export async function statusCommand(options: { repo: string; json?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const [{ agents }, codex] = await Promise.all([client.invoke('agents.list', {}), client.invoke('codex.info', {})]);
    if (options.json) {
      // detail: why a queued agent waits, or why one failed or was stopped (null otherwise).
      // workspace (isolated agents only): its worktree and branch.
      const rows = agents.map(({ id, name, status, pid, task, detail, workspace }) => ({ id, name, status, pid, task, detail, ...(workspace ? { workspace } : {}) }));
      output.out(JSON.stringify({ agents: rows, codex }));
      return;
    }
    output.out(describeCodex(codex));
    if (agents.length === 0) {
      output.out(`No agents in ${client.instance.repo}.`);
      return;
    }
    output.out(formatTable(agents));
    for (const line of detailLines(agents)) output.out(line);
    for (const line of workspaceLines(agents)) output.out(line);
  });
}

/** Under the table, where each isolated agent works: its own worktree and branch. */
export function workspaceLines(agents: Agent[]): string[] {
  const isolated = agents.filter((a) => a.workspace);
  return isolated.length === 0 ? [] : ['', ...isolated.map((a) => `${a.id} is isolated: branch ${a.workspace!.branch} in ${a.workspace!.path}`)];
}

/** Under the table, why each queued agent waits (and why one failed or stopped): too long for a column. */
export function detailLines(agents: Agent[]): string[] {
  const explained = agents.filter((a) => a.detail !== null);
  return explained.length === 0 ? [] : ['', ...explained.map((a) => `${a.id} (${a.status}): ${a.detail}`)];
}

function formatTable(agents: Agent[]): string {
  const rows = [
    ['ID', 'NAME', 'STATUS', 'PID', 'TASK'],
    ...agents.map((a) => [a.id, a.name, a.status, a.pid === null ? '-' : String(a.pid), a.task.replace(/\s+/g, ' ').slice(0, 60)]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

/** The one agent `ref` (its id or its name) means, or an error that says there is none. */
export async function findAgent(client: HostClient, ref: string): Promise<Agent> {
  const { agents } = await client.invoke('agents.list', {});
  const matches = agents.filter((a) => a.id === ref || a.name === ref);
  if (matches.length === 0) throw new CliError(`No agent ${JSON.stringify(ref)} in ${client.instance.repo}.`);
  // Names are unique since launches suffix them; a registry from before may still hold twins.
  if (matches.length > 1) {
    throw new CliError(`${matches.length} agents are named ${JSON.stringify(ref)}; use an id: ${matches.map((a) => a.id).join(', ')}.`);
  }
  return matches[0]!;
}

export async function stopCommand(
  options: { repo: string; agent: string; force?: boolean },
  output: Output,
): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    const { id, status } = await client.invoke('agents.stop', { id: agent.id, force: options.force ?? false });
    output.out(`${id} ${status}`);
  });
}

/** Forgets an ended agent (its activity log and change journal stay). */
export async function renameCommand(options: { repo: string; agent: string; name: string }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    const { agent: renamed } = await client.invoke('agents.rename', { id: agent.id, name: options.name });
    output.out(`${renamed.id} ${renamed.name}`);
  });
}
