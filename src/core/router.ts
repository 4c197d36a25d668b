/**
 * Binds the contract to the core. The IPC bridge, the WebSocket host and the CLI's connection
 * all call `handle`, which parses the input, runs the command, parses the output, and turns every
 * failure into a typed Result, so nothing crosses a boundary as a thrown string.
 */
import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandOutput } from '../shared/contract';
import { fail, ok, SwitchyardError, type Result } from '../shared/result';
import type { Orchestrator } from './orchestrator';

export type CommandHandlers = {
  [K in CommandName]: (
    input: z.output<(typeof commands)[K]['input']>,
  ) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

export interface Router {
  handle(name: unknown, input: unknown): Promise<Result<unknown>>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createRouter(handlers: CommandHandlers): Router {
  return {
    async handle(name, input) {
      if (!isCommandName(name)) return fail('unknown-command', `Unknown command ${JSON.stringify(name)}.`);
      const spec = commands[name];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return fail('invalid-input', `Invalid ${name} input: ${describeIssues(parsed.error)}`);
      try {
        const handler = handlers[name] as (input: unknown) => Promise<unknown> | unknown;
        const output = spec.output.parse(await handler(parsed.data));
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
    'agents.list': () => ({ agents: core.list() }),
    'agents.launch': (input) => core.launch(input),
    'agents.stop': async ({ id, force }) => {
      const { status } = await core.stop(id, force);
      return { id, status };
    },
    'agents.stopAll': async ({ force }) => ({ agents: await core.stopAll(force) }),
    'agents.resume': ({ id }) => ({ agent: core.resume(id) }),
    'agents.update': ({ id, after, priority }) => ({ agent: core.update(id, { after, priority }) }),
    'settings.get': () => core.getSettings(),
    'settings.set': (patch) => core.updateSettings(patch),
    'hook.event': (input) => core.handleHook(input),
    'terminal.input': ({ id, data }) => {
      core.input(id, data);
      return { ok: true as const };
    },
    'terminal.resize': ({ id, cols, rows }) => {
      core.resize(id, cols, rows);
      return { ok: true as const };
    },
    'terminal.history': ({ id }) => ({ data: core.history(id) }),
  };
}
