/**
 * The view side of the terminal stream, shared so the core's tests can check it against the
 * core's mirror: the core numbers each agent's output chunks (`seq`) and snapshots its screen
 * through a known chunk; a view holds live chunks while its snapshot is on the way, drops those
 * the snapshot already shows, and acknowledges what its xterm has parsed, in batches, for the
 * core's flow control.
 */

export interface OutputChunk {
  seq: number;
  data: string;
}

/** What to do with a live chunk: write it, wait (a snapshot is on its way), or drop it (already shown). */
export type ChunkVerdict = 'write' | 'held' | 'stale';

export class LiveOutputGate {
  /** Chunks waiting for the snapshot; null once it is written. */
  private held: OutputChunk[] | null = [];
  private lastSeq = 0;

  offer(chunk: OutputChunk): ChunkVerdict {
    if (this.held) {
      this.held.push(chunk);
      return 'held';
    }
    if (chunk.seq <= this.lastSeq) return 'stale';
    this.lastSeq = chunk.seq;
    return 'write';
  }

  /** The snapshot through chunk `snapshotSeq` is written: the held chunks to write after it, and those it showed. */
  open(snapshotSeq: number): { fresh: OutputChunk[]; stale: OutputChunk[] } {
    const held = this.held ?? [];
    this.held = null;
    this.lastSeq = snapshotSeq;
    const fresh: OutputChunk[] = [];
    const stale: OutputChunk[] = [];
    for (const chunk of held) (this.offer(chunk) === 'write' ? fresh : stale).push(chunk);
    return { fresh, stale };
  }

  /**
   * Waits for a new snapshot (after a reconnect). Chunks held so far came over the old link: the
   * new snapshot covers them, or they belong to a host that is gone.
   */
  restart(): void {
    this.held = [];
  }
}

/**
 * Characters per ack: about one ack per 100 KB, as xterm.js's flow-control guide advises (VS
 * Code's 5,000 made one ack per chunk, each a WebSocket send costing the page more than the
 * ack is worth). The view holds back less than one batch, so this must not exceed the core's
 * FlowControl.LowWatermarkChars (500,000) or a paused agent whose output stopped could never
 * resume.
 */
export const ACK_BATCH_CHARS = 100_000;

export class OutputAcknowledger {
  private unsent = 0;

  constructor(private readonly sendAck: (chars: number) => void) {}

  /** `chars` characters of live output are done with: parsed by xterm, or dropped as already shown. */
  done(chars: number): void {
    this.unsent += chars;
    if (this.unsent < ACK_BATCH_CHARS) return;
    const batch = this.unsent;
    this.unsent = 0;
    this.sendAck(batch);
  }

  /** A new view starts counting from zero (the core resets its count when the snapshot is asked for). */
  reset(): void {
    this.unsent = 0;
  }
}
