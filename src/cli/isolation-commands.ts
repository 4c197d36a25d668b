/**
 * `switchyard rm` (which for an isolated agent also discards its worktree and branch, after
 * saying what would be lost) and `switchyard move-to-shared` (a preview of the files, then the
 * move). Both through the running Switchyard, like every command that changes agents.
 */
import { findAgent, withClient, type Output } from './commands';
import { CliError } from './cli-error';
import { confirm } from './confirm';

export async function removeAgentCommand(options: { repo: string; agent: string; force?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    if (!agent.workspace) {
      const { id } = await client.invoke('agents.remove', { id: agent.id });
      output.out(`removed ${id} (${agent.name})`);
      return;
    }
    const { removed, loss } = await client.invoke('isolation.discard', { id: agent.id, force: options.force ?? false });
    if (!removed) {
      throw new CliError(
        `${loss.summary}\nNothing was removed. Bring it back first (\`switchyard commit --per-agent --isolated merge\`, or the commit wizard), move it into the shared tree (\`switchyard move-to-shared ${agent.name}\`), or pass --force to discard it.`,
        1,
      );
    }
    output.out(`removed ${agent.id} (${agent.name}): worktree ${agent.workspace.path} and branch ${agent.workspace.branch} discarded`);
    if (!loss.summary.startsWith('Nothing')) output.out(`lost: ${loss.summary.replace(/^Discarding \S+ would lose /, '')}`);
  });
}

export async function moveToSharedCommand(options: { repo: string; agent: string; yes?: boolean; stop?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    if (!agent.workspace) throw new CliError(`${agent.name} already works in the shared tree.`, 2);
    const { files, running } = await client.invoke('isolation.movePreview', { id: agent.id });
    if (files.length === 0) output.out(`${agent.name} changed nothing against the commit it started from.`);
    for (const file of files) output.out(`  ${file.kind.padEnd(8)} ${file.path}${file.refused ? `  REFUSED: ${file.refused}` : ''}`);
    const refused = files.filter((f) => f.refused !== null);
    if (refused.length > 0) {
      throw new CliError(`Nothing was moved: ${refused.map((f) => f.refused).join(' ')} Bring the branch back with \`switchyard commit --per-agent --isolated merge\` instead (it merges).`, 1);
    }
    if (running && !options.stop) throw new CliError(`Codex still runs in ${agent.name}'s worktree; pass --stop to stop it first.`, 2);
    if (!options.yes) {
      if (!process.stdin.isTTY) throw new CliError(`move-to-shared would write ${files.length} file(s) into the shared tree; pass --yes to do it without a terminal to confirm on.`, 2);
      if (!(await confirm(`Write ${files.length} file(s) of ${agent.name} into the shared tree${running ? ' (stopping it first)' : ''}?`))) throw new CliError('Cancelled; nothing was moved.', 1);
    }
    const { moved } = await client.invoke('isolation.move', { id: agent.id, stopFirst: options.stop ?? false });
    output.out(`moved ${moved.length} file(s) of ${agent.name} into the shared tree (uncommitted, attributed to ${agent.name}); its worktree and branch ${agent.workspace.branch} are removed.`);
  });
}
