import type { SliceCreator } from './slice-creator';

/** The Metrics view: whether it is shown in the terminals' place (its figures live in the view, loaded with it). */
export interface MetricsSlice {
  metricsOpen: boolean;
  toggleMetrics(): void;
  closeMetrics(): void;
}

export const createMetricsSlice: SliceCreator<MetricsSlice> = (set) => ({
  metricsOpen: false,
  toggleMetrics: () => set((state) => ({ metricsOpen: !state.metricsOpen })),
  closeMetrics: () => set({ metricsOpen: false }),
});
