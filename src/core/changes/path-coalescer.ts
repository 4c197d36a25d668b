/**
 * Gathers raw watcher events into batches: every path touched within one window is reported
 * once, however many events it had. An editor's atomic save (write a temp file, unlink the
 * original, rename the temp over it) is one entry, and the caller reads the final state on disk.
 */

export interface CoalescedPath {
  path: string;
  firstEventAt: number;
  lastEventAt: number;
  events: number;
}

export class PathCoalescer {
  private batch = new Map<string, CoalescedPath>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly onBatch: (batch: CoalescedPath[]) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  add(path: string): void {
    const now = this.clock();
    const entry = this.batch.get(path);
    if (entry) {
      entry.lastEventAt = now;
      entry.events += 1;
    } else this.batch.set(path, { path, firstEventAt: now, lastEventAt: now, events: 1 });
    // The window starts at the batch's first event (a throttle, not a debounce), so a path that
    // never stops changing still gets reported every window.
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  get size(): number {
    return this.batch.size;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.size === 0) return;
    const batch = [...this.batch.values()];
    this.batch = new Map();
    this.onBatch(batch);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.batch.clear();
  }
}
