/**
 * The `switchyard` command line through commander: every command with its options and help, each
 * command's code loaded only when it runs (import(), which the build splits into chunks, so a
 * client call never loads the core, zod or ws). src/cli/index.ts runs the commonest plain calls
 * without loading this file.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Output } from './commands';
import { appVersion } from './app-version';
import { CliError } from './cli-error';
import { reportFailure } from './cli-failure';
import { addInternalCommands } from './program-internal';
import { defaultRepo, serveRepo } from './default-repo';
import { DEFAULT_WATCH_INTERVAL_S, parseWatchInterval, type MonitorOptions } from './monitor-options';
import type { CommitCommandOptions } from './commit-command';

/** What the entry (out/main/cli.js) gives the commands. */
export interface CliContext {
  /** Holds node_modules (with @openai/codex) and out/renderer. */
  appRoot: string;
  output: Output;
  errors: Output;
}

const REPO_HELP = 'repository, or any folder inside it (default: the current folder)';

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is 0-65535');
  return port;
};

const parseInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('a whole number');
  return n;
};
const parsePositiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a process id (a whole number above 0)');
  return n;
};
const parsePositive = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('a positive number');
  return n;
};

function buildProgram({ appRoot, output, errors }: CliContext): Command {
  const program = new Command()
    .name('switchyard')
    .description('Run several Codex agents on one git repository without conflicts.')
    .version(appVersion(appRoot), '-V, --version', 'print the version')
    .showHelpAfterError();
  // Every command's --repo has no default of its own: the current folder is checked here first.
  program.hook('preAction', (_program, command) => {
    if (command.name() === 'serve' || command.name() === 'instance' || !command.options.some((option) => option.long === '--repo')) return;
    if (command.getOptionValue('repo') === undefined) command.setOptionValue('repo', defaultRepo(appRoot));
  });

  program
    .command('serve')
    .description('run Switchyard with its browser UI on 127.0.0.1 (prints the URL with its access token)')
    .option('--repo <path>', 'repository to open (default: the current folder, unless it is Switchyard\'s own)')
    .option('--no-repo', 'open no repository; choose one in the UI')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort)
    .option('--codex-path <file>', 'Codex binary to run (wins over SWITCHYARD_CODEX_PATH, the setting, PATH and the bundled one)')
    .option('--stop', 'stop the serve running for the repository (and its agents) instead, e.g. one a remote connection started')
    .action(async (opts: { repo?: string | boolean; port?: number; codexPath?: string; stop?: boolean }) => {
      if (opts.stop) {
        const target = typeof opts.repo === 'string' ? opts.repo : defaultRepo(appRoot);
        await (await import('./serve-stop-command')).serveStopCommand(target, output, errors);
        return;
      }
      const { repo, note } = serveRepo(opts.repo, appRoot);
      if (note) errors.out(note);
      await (await import('./serve-command')).serveCommand({ ...opts, repo, appRoot }, output);
    });

  program
    .command('launch')
    .description('start a Codex agent in the running Switchyard for a repository; prints its id')
    .option('--repo <path>', REPO_HELP)
    .option('--name <name>', 'agent name (required unless --template gives one)')
    .option('--task <text>', 'the task, passed to Codex as its prompt (required unless --template gives one)')
    .option('--template <name>', 'launch from .agents/templates/<name>.json; the options above and below override or add to it')
    .option('--set <key=value>', "a value for one of the template's {placeholders} (repeatable)", collect, [])
    .option('--claim <glob>', 'a file or glob the agent owns (repeatable)', collect, [])
    .option('--codex-arg <arg>', 'an extra argument for codex (repeatable)', collect, [])
    .option('--codex-home <dir>', 'CODEX_HOME for this agent')
    .option('--after <agent>', 'start only after this agent (id or name) finished its task (repeatable)', collect, [])
    .option('--priority <n>', 'higher starts first when the queue is full (default 0)', parseInteger)
    .option('--timeout <minutes>', 'stop the agent after this many minutes', parsePositive)
    .option('--isolated', 'run it in its own git worktree (.agents/worktrees/<id>) on a new branch switchyard/<name> from HEAD, so it never touches the shared tree')
    .option('--json', 'print {"id","name","nameNotice"} (nameNotice says why the name got a " (2)" suffix, else null)')
    .action(async (opts) => (await import('./commands')).launchCommand(opts, output, errors));

  program
    .command('templates')
    .description('list the agent templates in .agents/templates/ (and say what is wrong with any bad file; exit code 1 then)')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"templates":[{"templateName","file","template","placeholders"}],"problems":[{"file","message"}]}')
    .action(async (opts: { repo: string; json?: boolean }) => {
      const repo = await (await import('./commands')).repoFromArgument(opts.repo);
      (await import('./template-commands')).templatesCommand(repo, opts, output, errors);
    });

  program
    .command('review')
    .description('the changes grouped by the agent that made them, conflicts with recommendations, and a commit strategy')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"groups":[{"agentId","files":[{"path","attribution","added","removed"}]}],"conflicts":[…],"strategy":…}')
    .action(async (opts: { repo: string; json?: boolean }) => (await import('./review-command')).reviewCommand(opts, output));

  program
    .command('metrics')
    .description('per agent and summed: time working / waiting / idle / queued / on a claim, turns, tool calls, tokens, estimated cost, edits')
    .argument('[agent]', 'one agent (id or name)')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print metrics.get\'s answer: {"agents":[{"id","wallMs","durations","modelTurns","toolCalls","tokens","cost",…,"timeline"}],"totals","velocity","bottlenecks"}')
    .action(async (agent: string | undefined, opts: { repo: string; json?: boolean }) =>
      (await import('./metrics-command')).metricsCommand({ ...opts, ...(agent ? { agent } : {}) }, output),
    );

  program
    .command('commit')
    .description("commit the agents' changes: one commit per agent, or one for all; your own staged changes stay staged")
    .option('--repo <path>', REPO_HELP)
    .option('--per-agent', 'one commit per agent (and one for unattributed changes)')
    .option('--single', 'one commit for everything')
    .option('--dry-run', 'print the plan and commit nothing')
    .option('--json', 'print {"commits":[{"sha","agentId","files":[…],"message"}],"left":[{"path","reason"}],"stop":…} (sha null in a dry run)')
    // Messages are always drafted from the agent's task now, as in the wizard; kept so old scripts still run.
    .addOption(new Option('--message-from-task').hideHelp())
    .option('--no-verify', 'skip the pre-commit and commit-msg hooks')
    .addOption(
      new Option('--isolated <mode>', "bring isolated agents' branches back too: a merge commit, one squashed commit, or their commits replayed (left out without it)").choices([
        'merge',
        'squash',
        'cherry-pick',
      ]),
    )
    .action(async (opts: CommitCommandOptions) => (await import('./commit-command')).commitCommand(opts, output, errors));

  program
    .command('check')
    .description("run the repository's test command on HEAD plus one agent's changes, in a temporary worktree; exits 1 when it fails")
    .argument('<agent>', 'agent id or name')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"agentId","state","exitCode","output","files","worktreeMs",…}')
    .action(async (agent: string, opts: { repo: string; json?: boolean }) => (await import('./check-command')).checkCommand({ ...opts, agent }, output));

  program
    .command('rollback')
    .description('restore every file an agent changed to its version before the agent (journaled, so it can be undone)')
    .argument('<agent>', 'agent id or name')
    .option('--repo <path>', REPO_HELP)
    .option('--dry-run', 'print the files and their diffs; change nothing')
    .option('--include-others', 'also roll back files other agents (or you) changed after this agent')
    .option('--json', 'print the plan (with --dry-run) or {"restored":[{"path","toVersion","undoVersion"}],"skipped":[…]}')
    .action(async (agent: string, opts: { repo: string; dryRun?: boolean; includeOthers?: boolean; json?: boolean }) =>
      (await import('./check-command')).rollbackCommand({ ...opts, agent }, output),
    );

  program
    .command('status')
    .description('list the agents of the running Switchyard for a repository')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"agents": [{"id","name","status","pid","task"}], "codex": {"path","version","source","reason","error","warning"}}')
    .action(async (opts) => (await import('./commands')).statusCommand(opts, output));

  program
    .command('stop')
    .description('stop an agent (Ctrl-C, then SIGTERM, then SIGKILL of its process group), or with --pid a Codex running on the repository outside Switchyard')
    .argument('[agent]', 'agent id or name')
    .option('--repo <path>', REPO_HELP)
    .option('--pid <pid>', 'stop this Codex process instead, one `switchyard monitor` lists as external (SIGTERM, then SIGKILL)', parsePositiveInteger)
    .option('--force', 'skip the grace periods: SIGKILL at once')
    .option('--json', 'with --pid: print {"pid","launcherPid","task","outcome","signals","message"}')
    .action(async (agent: string | undefined, opts: { repo: string; pid?: number; force?: boolean; json?: boolean }) => {
      if (opts.pid !== undefined) {
        if (agent !== undefined) throw new CliError('Give an agent or --pid, not both.', 2);
        return (await import('./stop-external-command')).stopExternalCommand({ ...opts, pid: opts.pid }, output);
      }
      if (agent === undefined) throw new CliError('Name the agent to stop, or give --pid PID for a Codex outside Switchyard.', 2);
      return (await import('./commands')).stopCommand({ ...opts, agent }, output);
    });

  program
    .command('rm')
    .description('forget an ended agent: it leaves the list; its activity log and change journal stay. An isolated agent\'s worktree and branch are removed too, after saying what would be lost')
    .argument('<agent>', 'agent id or name')
    .option('--repo <path>', 'repository', process.cwd())
    .option('--force', "an isolated agent: discard its worktree and branch even though changes or commits would be lost")
    .action(async (agent: string, opts: { repo: string; force?: boolean }) => (await import('./isolation-commands')).removeAgentCommand({ ...opts, agent }, output));

  program
    .command('move-to-shared')
    .description("move an isolated agent's changes (against the commit it started from) into the shared tree, uncommitted and attributed to it; its worktree and branch are removed and it becomes a shared agent")
    .argument('<agent>', 'agent id or name')
    .option('--repo <path>', 'repository', process.cwd())
    .option('--yes', 'do not ask for confirmation after the preview')
    .option('--stop', 'stop the agent first if Codex still runs in its worktree')
    .action(async (agent: string, opts: { repo: string; yes?: boolean; stop?: boolean }) =>
      (await import('./isolation-commands')).moveToSharedCommand({ ...opts, agent }, output),
    );

  program
    .command('rename')
    .description('give an agent another name (refused when another agent has it)')
    .argument('<agent>', 'agent id or name')
    .argument('<name>', 'the new name')
    .option('--repo <path>', 'repository', process.cwd())
    .action(async (agent: string, name: string, opts: { repo: string }) =>
      (await import('./commands')).renameCommand({ ...opts, agent, name }, output),
    );

  program
    .command('monitor')
    .description('agents of a repository, managed or not (Codex found running in it), with duplicates and what to do')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"agents": […], "external": [{"pid","cwd","cmd",…}], "duplicates": [{"agents","reason",…}]}')
    .option('--watch', 'redraw until Ctrl-C')
    .option('--interval <seconds>', 'seconds between redraws with --watch', parseWatchInterval, DEFAULT_WATCH_INTERVAL_S)
    .action(async (opts: MonitorOptions) => (await import('./monitor-command')).monitorCommand(opts, output));

  program
    .command('cleanup')
    .description('stop every agent of a repository and verify that none is left, then show next steps')
    .option('--repo <path>', REPO_HELP)
    .option('--force', 'SIGKILL at once, no grace periods and no confirmation')
    .option('--yes', 'do not ask for confirmation')
    .option('--worktrees', "also discard isolated agents' worktrees and branches whose work is all on the current branch (the others are named with what they would lose)")
    .action(async (opts: { repo: string; force?: boolean; yes?: boolean; worktrees?: boolean }) => (await import('./cleanup-command')).cleanupCommand(opts, output));

  program
    .command('locks')
    .description('list the claims (holder, path or glob, mode, fencing token, age) and who waits for what')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"claims":[{"agentId","pattern","mode","token","since"}],"waiting":[…]}')
    .action(async (opts: { repo: string; json?: boolean }) => (await import('./lock-commands')).locksCommand(opts, output));

  program
    .command('lock')
    .description('claim files, directories (trailing /) or globs, for the user or for an agent')
    .argument('<glob...>', 'paths, directories or globs')
    .option('--repo <path>', REPO_HELP)
    .option('--agent <id>', 'claim for this agent instead of the user')
    .option('--shared', 'a shared claim (others may share it); default exclusive')
    .option('--wait <seconds>', 'queue behind the holder up to this long', parsePositive)
    .option('--json', 'print the result as JSON')
    .action(async (patterns: string[], opts: { repo: string; agent?: string; shared?: boolean; wait?: number; json?: boolean }) =>
      (await import('./lock-commands')).lockCommand({ ...opts, patterns }, output),
    );

  program
    .command('unlock')
    .description("release claims (the user's, or an agent's with --agent); --force releases whoever holds them")
    .argument('<glob...>', 'paths, directories or globs, as claimed')
    .option('--repo <path>', REPO_HELP)
    .option('--agent <id>', "release this agent's claims")
    .option('--force', 'release the claims whoever holds them')
    .action(async (patterns: string[], opts: { repo: string; agent?: string; force?: boolean }) =>
      (await import('./lock-commands')).unlockCommand({ ...opts, patterns }, output),
    );

  program
    .command('message')
    .description('send a message to an agent (it reaches a working agent at its next step) or, with --all, to every agent')
    .argument('[agent]', 'agent id or name (leave out with --all)')
    .argument('[text...]', 'the message')
    .option('--repo <path>', REPO_HELP)
    .option('--all', 'send it to every agent of the repository')
    .option('--now', "type it at an idle agent's prompt, whatever the repository's setting")
    .option('--json', 'print the message as JSON')
    .action(async (agent: string | undefined, text: string[], opts: { repo: string; all?: boolean; now?: boolean; json?: boolean }) =>
      (await import('./message-commands')).messageCommand(
        // With --all there is no agent: the first word belongs to the text.
        opts.all ? { ...opts, text: [...(agent === undefined ? [] : [agent]), ...text] } : { ...opts, ...(agent === undefined ? {} : { agent }), text },
        output,
      ),
    );

  program
    .command('messages')
    .description("list the messages of the repository, or of one agent's thread (sent by it, to it, or to all)")
    .argument('[agent]', 'agent id or name')
    .option('--repo <path>', REPO_HELP)
    .option('--json', 'print {"messages":[{"id","at","from","to","text","deliverNow","deliveries":[{"agentId","at","via"}]}]}')
    .action(async (agent: string | undefined, opts: { repo: string; json?: boolean }) =>
      (await import('./message-commands')).messagesCommand({ ...opts, ...(agent === undefined ? {} : { agent }) }, output),
    );

  program
    .command('url')
    .description('print the browser address (with its access token) of the switchyard serve running for a repository')
    .option('--repo <path>', REPO_HELP)
    .action(async (opts: { repo: string }) => (await import('./url-command')).urlCommand(opts, output));

  program
    .command('connect')
    .description('add a connection to another Switchyard: over SSH ([user@]host[:port]), or without a host one serving --repo on this machine; prints the address that opens it')
    .argument('[target]', '[user@]host[:port] of the SSH host (omit for a repository served on this machine)')
    .requiredOption('--repo <path>', 'the repository the other Switchyard serves (a path on that host)')
    .option('--open', 'open the address in the system browser (xdg-open)')
    .action(async (target: string | undefined, opts: { repo: string; open?: boolean }) =>
      (await import('./connect-command')).connectCommand({ ...opts, target, appRoot }, output, errors),
    );

  addInternalCommands(program, { appRoot, output });
  return program;
}

/** Parses the command line and runs its command; a failure is printed and sets the exit code. */
export async function runProgram(argv: string[], context: CliContext): Promise<void> {
  await buildProgram(context).parseAsync(argv).catch(reportFailure);
}
