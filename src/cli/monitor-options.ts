/** `switchyard monitor`'s options, apart from the command so parsing them loads nothing else. */
import { InvalidArgumentError } from 'commander';

/** Redraw every 2 s by default, as `watch` does. */
export const DEFAULT_WATCH_INTERVAL_S = 2;
/** A scan lists every process on the machine; faster than this only burns CPU. */
export const MIN_WATCH_INTERVAL_S = 0.5;

/** Parses `--interval SECONDS` for commander. */
export function parseWatchInterval(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < MIN_WATCH_INTERVAL_S) {
    throw new InvalidArgumentError(`seconds, at least ${MIN_WATCH_INTERVAL_S}`);
  }
  return seconds;
}

export interface MonitorOptions {
  repo: string;
  json?: boolean;
  watch?: boolean;
  /** Seconds between redraws with --watch (commander supplies the default). */
  interval: number;
}
