import type { StateCreator } from 'zustand';

/**
 * A slice's creator, typed by the state it owns (and, where it reads them, other slices' fields
 * through `Reads`). It never names the whole store, so a slice never imports store.ts.
 */
export type SliceCreator<Slice, Reads = unknown> = StateCreator<Slice & Reads, [], [], Slice>;
