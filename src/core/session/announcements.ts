/**
 * `locks.changed` and `agents.changed` as deltas: what changed during one operation is collected
 * and announced once, after it (a microtask), with a revision that grows by one per announcement.
 * A listener that missed none can apply each delta; one that joins late reads the full list with
 * its revision (listLocks, listWithRevision) and applies only the deltas after it.
 */
import type { EventPayload } from '../../shared/contract';
import type { Agent } from '../../shared/domain';
import type { LockTableDelta } from '../locks/lock-types';
import type { LocksViewDelta } from '../locks/repo-locks';

/** The lock table changes of a burst, announced as one delta with the gate mode. */
export class LocksAnnouncer {
  private readonly deltas: LockTableDelta[] = [];
  private pending = false;
  private lastRevision = 0;

  /**
   * `view` turns the burst's deltas into the contract's shapes; it returns null when there is no
   * lock table any more (no repository open), and then nothing is announced.
   */
  constructor(
    private readonly view: (deltas: readonly LockTableDelta[]) => (LocksViewDelta & { mode: EventPayload<'locks.changed'>['mode'] }) | null,
    private readonly emit: (payload: EventPayload<'locks.changed'>) => void,
  ) {}

  /** The revision of the last announcement (what a full list includes). */
  get revision(): number {
    return this.lastRevision;
  }

  /** A lock table change to announce with the others of this burst. */
  add(delta: LockTableDelta): void {
    this.deltas.push(delta);
    this.schedule();
  }

  /** Announces this burst (perhaps empty: the gate mode changed), once, after the current operation. */
  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      const view = this.view(this.deltas.splice(0));
      if (view) this.emit({ revision: ++this.lastRevision, ...view });
    });
  }
}

/** The agents changed in a burst, announced once with their records (all of them after `null`). */
export class AgentsAnnouncer {
  /** Changed since the last announcement; null: every agent (another repository was opened). */
  private changed: Set<string> | null = new Set();
  private pending = false;
  private lastRevision = 0;

  constructor(
    private readonly list: (ids?: readonly string[]) => Agent[],
    private readonly emit: (payload: EventPayload<'agents.changed'>) => void,
  ) {}

  get revision(): number {
    return this.lastRevision;
  }

  add(agentId: string | null): void {
    if (agentId === null) this.changed = null;
    else this.changed?.add(agentId);
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      const changed = this.changed;
      this.changed = new Set();
      const agents = changed === null ? this.list() : this.list([...changed]);
      this.emit({ revision: ++this.lastRevision, agents, replace: changed === null });
    });
  }
}
