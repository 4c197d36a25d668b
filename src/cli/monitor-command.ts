/**
 * `switchyard monitor`: the repository's agents (managed and not), their status, and duplicate
 * agents with what to do about them. It asks the running Switchyard when there is one; without
 * one it scans the machine itself, so it still finds Codex processes nobody manages.
 */
import type { MonitorSnapshot } from '../shared/monitor';
import { SwitchyardError } from '../shared/result';
import { readInstance } from '../core/instances/instance-registry';
import { resolveRepo } from '../core/repo/resolve-repo';
import type { Output } from './commands';
import { CliError } from './cli-error';
import { connectToRepo, type HostClient } from './host-client';
import { runningRepoOf } from './running-repo';
import { monitorJson, monitorTable, type SnapshotOrigin } from './monitor-report';
import type { MonitorOptions } from './monitor-options';

/** Moves the cursor home and clears the screen, so each redraw replaces the last. */
const CLEAR_SCREEN = '\x1b[H\x1b[2J';

/** Keeps one connection to the running Switchyard across redraws, and falls back to a local scan. */
class SnapshotSource {
  private client: HostClient | null = null;

  constructor(private readonly repo: string) {}

  async take(): Promise<{ snapshot: MonitorSnapshot; origin: SnapshotOrigin }> {
    let why = 'not running for this repository.';
    if (!this.client && readInstance(this.repo)) {
      try {
        this.client = await connectToRepo(this.repo);
      } catch (error) {
        why = `not reachable (${(error as Error).message}).`;
      }
    }
    if (this.client) {
      const instance = this.client.instance;
      try {
        return { snapshot: await this.client.invoke('monitor.snapshot', {}), origin: { kind: 'switchyard', instance } };
      } catch (error) {
        why = `did not answer (pid ${instance.pid}: ${(error as Error).message}).`;
        this.close();
      }
    }
    // The machine-wide scan (process list, rollout logs) loads only when no Switchyard answers.
    const { buildMonitorSnapshot } = await import('../core/scan/monitor-snapshot');
    return { snapshot: await buildMonitorSnapshot(this.repo, []), origin: { kind: 'local', why } };
  }

  close(): void {
    this.client?.close();
    this.client = null;
  }
}

async function repoOf(folder: string): Promise<string> {
  const running = runningRepoOf(folder);
  if (running) return running;
  try {
    return await resolveRepo(folder);
  } catch (error) {
    throw new CliError(error instanceof SwitchyardError ? error.message : String(error), 2);
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export async function monitorCommand(options: MonitorOptions, output: Output): Promise<void> {
  const repo = await repoOf(options.repo);
  const render = (taken: { snapshot: MonitorSnapshot; origin: SnapshotOrigin }): string =>
    options.json ? monitorJson(taken.snapshot, taken.origin) : monitorTable(taken.snapshot, taken.origin);
  const source = new SnapshotSource(repo);
  try {
    if (!options.watch) {
      output.out(render(await source.take()));
      return;
    }
    const intervalMs = options.interval * 1000;
    // Ctrl-C ends the watch like reaching the end of a one-shot run: connection closed, exit 0.
    const stop = new AbortController();
    const onInterrupt = (): void => stop.abort();
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    try {
      // JSON stays one object per line for scripts; a terminal gets each table in place of the last.
      const redraw = !options.json && process.stdout.isTTY;
      while (!stop.signal.aborted) {
        const text = render(await source.take());
        if (redraw) output.out(`${CLEAR_SCREEN}${text}\n\n(refreshing every ${intervalMs / 1000} s; Ctrl-C to stop)`);
        else output.out(options.json ? text : `${text}\n`);
        await pause(intervalMs, stop.signal);
      }
    } finally {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
  } finally {
    source.close();
  }
}
