/**
 * Keeps change tracking told which Codex processes work on the open repository outside
 * Switchyard: a scan every few seconds (the monitor's scan), each unmanaged one with its start
 * time and, where the OS shows it, the rollout log it writes, so their writes are attributed to
 * them and not to the user or to an agent.
 */
import type { Agent } from '../../shared/domain';
import { scanCodexProcesses, type CodexScanSources } from './codex-scan';
import { defaultScanSources, managedMarker } from './monitor-snapshot';
import { openRolloutFile } from './open-rollout';

/**
 * A scan lists every process of the machine (one `ps`); every 5 s costs little, and a Codex that
 * wrote before it was first seen is still caught: its rollout log is read from the start.
 */
export const UNMANAGED_SCAN_INTERVAL_MS = 5_000;

export interface UnmanagedCodex {
  pid: number;
  since: number;
  startedAt: string | null;
  rolloutPath: string | null;
}

export interface UnmanagedCodexWatchOptions {
  repo: string;
  managed: () => readonly Agent[];
  onProcesses: (processes: UnmanagedCodex[]) => void;
  onProblem?: (message: string) => void;
  intervalMs?: number;
  sources?: CodexScanSources;
  rolloutOf?: (pid: number) => string | null;
  clock?: () => number;
}

export class UnmanagedCodexWatch {
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private lastError: string | null = null;
  private disposed = false;

  constructor(private readonly options: UnmanagedCodexWatchOptions) {
    void this.scanNow();
  }

  /** Scans now (one scan at a time), then again after the interval. */
  scanNow(): Promise<void> {
    if (this.scanning) return this.scanning;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.scanning = this.scan().finally(() => {
      this.scanning = null;
      if (this.disposed) return;
      this.timer = setTimeout(() => void this.scanNow(), this.options.intervalMs ?? UNMANAGED_SCAN_INTERVAL_MS);
      this.timer.unref();
    });
    return this.scanning;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.scanning;
  }

  private async scan(): Promise<void> {
    const { repo, managed, onProcesses } = this.options;
    const clock = this.options.clock ?? Date.now;
    const rolloutOf = this.options.rolloutOf ?? openRolloutFile;
    const scan = await scanCodexProcesses(this.options.sources ?? defaultScanSources());
    if (this.disposed) return;
    if (scan.error) {
      // Said once per distinct failure, not every few seconds; the last list stands meanwhile.
      if (scan.error !== this.lastError) this.options.onProblem?.(scan.error);
      this.lastError = scan.error;
      return;
    }
    this.lastError = null;
    const isManaged = managedMarker(managed());
    const now = clock();
    onProcesses(
      scan.processes
        .filter((process) => process.repo === repo && !isManaged(process))
        .map((process) => {
          const started = process.startedAt === null ? Number.NaN : Date.parse(process.startedAt);
          return {
            pid: process.pid,
            since: Number.isFinite(started) ? started : now,
            startedAt: process.startedAt,
            rolloutPath: rolloutOf(process.pid),
          };
        }),
    );
  }
}
