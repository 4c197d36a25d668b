/**
 * The shape of the functions that run the contract's commands. Feature folders bind their own
 * commands against these types; only the router combines them, so no feature imports the router.
 */
import type { z } from 'zod';
import type { commands, CommandName, CommandOutput } from '../shared/contract';
import type { Result } from '../shared/result';

/** Who sent a command, as far as the core needs to know. */
export interface Caller {
  /**
   * The terminal view the command came from (a WebSocket client of the host), whose acks flow
   * control counts; null for callers that show no terminal (the CLI's one-shot commands).
   */
  view: string | null;
}

export type CommandHandlers = {
  [K in CommandName]: (
    input: z.output<(typeof commands)[K]['input']>,
    caller: Caller,
  ) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

/** The handlers of a part of the contract, for modules that bind their own commands. */
export type HandlersFor<Names extends CommandName> = Pick<CommandHandlers, Names>;

/** Runs any command of the contract by name: what every transport (IPC, WebSocket, control socket) calls. */
export interface Router {
  handle(name: unknown, input: unknown, caller?: Caller): Promise<Result<unknown>>;
}
