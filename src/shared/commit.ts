/**
 * The commit wizard's commands and events. Filled in by the commit wizard work (issue 6); kept
 * apart from contract.ts so that work and the attribution work do not edit the same lines.
 */
export const commitCommands = {} as const;
export const commitEvents = {} as const;
