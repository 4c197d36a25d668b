/**
 * The commands programs run, not people, hidden from the help: Codex runs `hook` and `mcp` for
 * the agents Switchyard starts, and a remote Switchyard's SSH tunnel runs `instance`.
 */
import type { Command } from 'commander';
import { CliError } from './cli-error';
import type { Output } from './commands';

export function addInternalCommands(program: Command, { appRoot, output }: { appRoot: string; output: Output }): void {
  // Codex runs these for the agents Switchyard starts.
  program
    .command('mcp', { hidden: true })
    .description("the MCP server (stdio) Switchyard gives each managed agent: claim_paths, release_paths, list_claims, who_holds, list_agents, send_message, read_messages")
    .action(async () => (await import('./mcp-server')).mcpMain());

  program
    .command('hook', { hidden: true })
    .description('called by Codex at each hook of a managed agent (reads the hook JSON on stdin)')
    // The list of events lives with the hook (shared/control, which loads zod); an unknown one is
    // refused there with its name.
    .argument('<event>', 'the Codex hook event, spelled like codex-pre-tool-use')
    .action(async (event: string) => (await import('./hook-command')).hookMain(event));

  // A remote Switchyard's tunnel (src/core/remote) runs this over SSH.
  program
    .command('instance', { hidden: true })
    .description("print the port and token of the Switchyard serving a repository (starting a detached serve with --start), or with --which-codex the Codex it would run")
    .option('--repo <path>', 'repository')
    .option('--start', 'start `switchyard serve --repo` (detached, logging to <repo>/.agents/serve.log) when none runs')
    .option('--json', 'print {"repo","pid","port","token","kind","started"}')
    .option('--which-codex', "print the path of the Codex serve would run (exit code 1 when there is none)")
    .action(async (opts: { repo?: string; start?: boolean; json?: boolean; whichCodex?: boolean }) => {
      if (!opts.whichCodex && opts.repo === undefined) throw new CliError('Give the repository with --repo <path>.', 2);
      await (await import('./instance-command')).instanceCommand({ ...opts, repo: opts.repo ?? '', appRoot }, output);
    });
}
