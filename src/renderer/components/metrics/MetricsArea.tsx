import { lazy, Suspense } from 'react';
import { EmptyState } from '../EmptyState';

/**
 * The Metrics view and its charts (recharts) load only when the view is first opened: they are a
 * chunk of their own, so the terminals' bundle does not carry them.
 */
const MetricsView = lazy(() => import('./MetricsView'));

export function MetricsArea() {
  return (
    <Suspense fallback={<EmptyState>Loading the metrics…</EmptyState>}>
      <MetricsView />
    </Suspense>
  );
}
