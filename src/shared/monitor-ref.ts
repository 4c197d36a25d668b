/**
 * How a duplicate finding names a discovered process, apart from the monitor schemas so the CLI
 * can print a snapshot without loading zod.
 */
export const discoveredRef = (pid: number): string => `pid:${pid}`;
