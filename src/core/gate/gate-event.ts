/** A write the gate refused, or (observe and advise modes) let through onto another agent's claim. */
export interface GateEvent {
  kind: 'refused' | 'violation';
  agentId: string;
  paths: string[];
  /** Who held each path (null: the user), in the order of `paths`. */
  holders: Array<string | null>;
  reason: string;
  /** Epoch ms. */
  at: number;
}
