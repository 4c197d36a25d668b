/**
 * What the core is built from and what it announces: the options each process (Electron main,
 * `switchyard serve`, tests) gives the composition root, and the events it emits.
 */
import type { z } from 'zod';
import type { EventName, EventPayload, LaunchInputSchema } from '../shared/contract';
import type { RepoChangesOptions } from './session/repo-changes';
import type { RemoteLinkFactory } from './connections/connection-registry';

export type LaunchRequest = z.input<typeof LaunchInputSchema>;

/** What the core announces: exactly the contract's events, so a new event needs no second list. */
export type CoreEvents = { [K in EventName]: EventPayload<K> };

export interface OrchestratorOptions {
  /** Folders whose node_modules may hold @openai/codex (the app's own root). */
  appRoots: string[];
  /**
   * `--codex-path`: the Codex binary to run, above everything else. Without it,
   * SWITCHYARD_CODEX_PATH in `env`, then the repository's codexPath setting, then PATH, then the
   * bundled @openai/codex (see codex/codex-choice.ts).
   */
  codexPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** The argv of the hook client (see gate/hook-command-line.ts); without it no hooks are injected (status from the terminal only). */
  hookCommand?: readonly string[] | null;
  /** Why the hooks run on the slower Node client; told the user once, when the first agent starts. */
  hookFallbackReason?: string | null;
  /** The control socket the hooks report to. */
  controlSocket?: string | null;
  /** The argv that runs `switchyard mcp`; without it agents get no claim tools. */
  mcpCommand?: readonly string[] | null;
  watchdogMs?: number;
  /** Tuning for attribution (tests shorten the grace period); the defaults suit users. */
  changeTracking?: RepoChangesOptions['tracker'];
  /**
   * Builds the link to a remote Switchyard; by default an SSH `RemoteConnection`
   * (connections/remote-link.ts). Null turns remote connections off: adding one answers that it is
   * not available.
   */
  createRemoteLink?: RemoteLinkFactory | null;
}
