import { useStore } from '../../state/store';
import { METRICS_VIEW_ID } from './metrics-ids';

/** Shows or hides the Metrics view in the terminals' place (Alt+S; Esc closes it). */
export function MetricsToggle() {
  const open = useStore((s) => s.metricsOpen);
  const toggleMetrics = useStore((s) => s.toggleMetrics);
  return (
    <button
      type="button"
      className="metrics-toggle"
      aria-pressed={open}
      aria-controls={open ? METRICS_VIEW_ID : undefined}
      title="Time per state, tokens and cost, edits over time (Alt+S)"
      onClick={toggleMetrics}
    >
      Metrics
    </button>
  );
}
