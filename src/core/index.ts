/**
 * The core's public entry: what the processes that host a Switchyard (`src/host` for `serve`,
 * `src/main` for Electron) build it from. They import nothing else of the core (eslint says so).
 */
export { Orchestrator } from './orchestrator';
export type { CoreEvents, OrchestratorOptions } from './orchestrator';
export { createRouter, orchestratorHandlers } from './router';
export type { Caller, Router } from './command-handlers';
export type { TerminalViews } from './terminals/terminal-sessions';
export { DisposableStore } from './lifecycle/disposable-store';
export { removeInstance, writeInstance } from './instances/instance-registry';
export { controlSocketPath, startControlServer } from './control/control-server';
export { chooseHookClient } from './gate/hook-command-line';
export { isInAppFolder } from './repo/app-folder';
export type { RemoteLinkFactory } from './connections/connection-registry';
export type { CoreLink, LinkEndpoint } from './remote/core-link';
