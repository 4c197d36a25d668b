/**
 * The machine's process table through ps-list. ps-list is ESM-only and the main bundle is
 * CommonJS, so it is loaded with a dynamic import (kept as `import()` by the bundler).
 */

/** The fields of a ps-list row that the scan uses. */
export interface ProcessRow {
  pid: number;
  ppid: number;
  /** Executable name (basename of /proc/<pid>/exe on Linux; from the command line elsewhere). */
  name: string;
  /** Full command line, arguments joined by spaces (absent on Windows). */
  cmd?: string | undefined;
  /** Best-effort executable path. */
  path?: string | undefined;
  startTime?: Date | undefined;
}

export type ListProcesses = () => Promise<ProcessRow[]>;

export const listProcesses: ListProcesses = async () => {
  const { default: psList } = await import('ps-list');
  return psList();
};
