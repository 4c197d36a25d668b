/**
 * Binds the contract to the core. The IPC bridge, the WebSocket host and the CLI's connection
 * all call `handle`, which parses the input, runs the command, parses the output, and turns every
 * failure into a typed Result, so nothing crosses a boundary as a thrown string.
 */
import type { z } from 'zod';
import { commands, isCommandName } from '../shared/contract';
import { fail, ok, SwitchyardError } from '../shared/result';
import type { Caller, CommandHandlers, Router } from './command-handlers';
import type { Orchestrator } from './orchestrator';
import { snapshotOfOpenRepo } from './scan/monitor-snapshot';
import { stopExternalOfOpenRepo } from './scan/stop-external';
import { changeHandlers } from './session/change-handlers';
import { commitHandlers } from './commit/commit-handlers';
import { isolatedBranches } from './isolation/isolated-branches';
import { isolationHandlers } from './isolation/isolation-handlers';
import { mergeHandlers } from './merge/merge-handlers';
import { messageHandlers } from './messages/message-handlers';
import { metricsHandlers } from './metrics/metrics-handlers';
import { checkHandlers } from './checks/check-handlers';
import { connectionHandlers } from './connections/connection-handlers';
import { templateHandlers } from './templates/template-handlers';
import { suggestionHandlers } from './suggestions/suggestion-handlers';

export type { Caller, CommandHandlers, HandlersFor, Router } from './command-handlers';

const NO_VIEW: Caller = { view: null };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createRouter(handlers: CommandHandlers): Router {
  return {
    async handle(name, input, caller = NO_VIEW) {
      if (!isCommandName(name)) return fail('unknown-command', `Unknown command ${JSON.stringify(name)}.`);
      const spec = commands[name];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return fail('invalid-input', `Invalid ${name} input: ${describeIssues(parsed.error)}`);
      try {
        const handler = handlers[name] as (input: unknown, caller: Caller) => Promise<unknown> | unknown;
        const output = spec.output.parse(await handler(parsed.data, caller));
        return ok(output);
      } catch (error) {
        if (error instanceof SwitchyardError) return fail(error.code, error.message);
        return fail('internal', `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

export function orchestratorHandlers(core: Orchestrator): CommandHandlers {
  return {
    'repo.get': () => ({ repo: core.repo }),
    'repo.open': async ({ path }) => ({ repo: await core.openRepo(path) }),
    'agents.list': () => core.listWithRevision(),
    'agents.launch': (input) => core.launchAgent(input),
    'agents.stop': async ({ id, force }) => {
      const { status } = await core.stop(id, force);
      return { id, status };
    },
    'agents.stopAll': async ({ force }) => ({ agents: await core.stopAll(force) }),
    'agents.resume': ({ id }) => ({ agent: core.resume(id) }),
    'agents.update': ({ id, after, priority }) => ({ agent: core.update(id, { after, priority }) }),
    'agents.remove': ({ id }) => {
      const workspace = core.list([id])[0]?.workspace;
      if (workspace) {
        // Forgetting it would leave its worktree and branch behind with nobody to answer for them.
        throw new SwitchyardError(
          'invalid-input',
          `${id} works in its own worktree (${workspace.path}, branch ${workspace.branch}): bring it back in the commit wizard, move it to the shared tree, or discard it (isolation.discard, \`switchyard rm --force\`).`,
        );
      }
      core.remove(id);
      return { id };
    },
    'agents.rename': ({ id, name }) => ({ agent: core.rename(id, name) }),
    'settings.get': () => core.getSettings(),
    'settings.set': (patch) => core.updateSettings(patch),
    'codex.info': () => core.codexInfo(),
    'hook.event': (input) => core.handleHook(input),
    'locks.list': () => core.listLocks(),
    'locks.claim': ({ agentId, patterns, shared, wait, timeoutMs, priority }) =>
      core.claimLocks(agentId, patterns, { shared, wait, timeoutMs, priority }),
    'locks.release': async ({ agentId, patterns, force }) => ({ released: await core.releaseLocks(agentId, patterns, force) }),
    'locks.whoHolds': ({ path }) => ({ claims: core.whoHolds(path) }),
    'locks.check': ({ patterns }) => ({ checked: core.checkClaims(patterns) }),
    'monitor.snapshot': () => snapshotOfOpenRepo(core.repo, core.list()),
    'monitor.stopExternal': ({ pid, force }) => stopExternalOfOpenRepo(core.repo, pid, { managed: core.list(), force }),
    ...changeHandlers(core),
    ...mergeHandlers(core),
    ...messageHandlers(core),
    ...metricsHandlers(core),
    ...templateHandlers(() => core.requireRepo('Open a repository first.')),
    ...suggestionHandlers({ requireRepo: () => core.requireRepo('Open a repository first.'), agents: () => core.list(), writes: () => core.agentWrites() }),
    ...commitHandlers({
      openRepo: () => core.repo,
      agents: () => core.list(),
      attribution: () => core.attributionEntries(),
      testCommand: () => core.getSettings().testCommand,
      onProgress: (progress) => core.events.emit('commit.progress', progress),
      isolated: isolatedBranches,
    }),
    ...checkHandlers(core.checks),
    ...connectionHandlers(core.connections),
    ...isolationHandlers({
      repo: () => core.requireRepo('Open a repository first.'),
      agents: () => core.list(),
      stop: (id) => core.stop(id, false, 'Stopped to move its work into the shared tree.'),
      forget: (id) => core.remove(id),
      makeShared: (id) => core.makeShared(id),
      journal: () => {
        try {
          return core.changes;
        } catch {
          return null;
        }
      },
    }),
    'terminal.input': ({ id, data }) => {
      core.input(id, data);
      return { ok: true as const };
    },
    'terminal.resize': ({ id, cols, rows }) => {
      core.resize(id, cols, rows);
      return { ok: true as const };
    },
    'terminal.history': ({ id }, { view }) => core.terminalSnapshot(id, view),
    'terminal.ack': ({ id, chars }, { view }) => {
      core.acknowledgeTerminal(id, view, chars);
      return { ok: true as const };
    },
  };
}
