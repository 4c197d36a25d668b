import type { Layout } from '../../state/layout-slice';
import { useLayout } from '../../state/selectors';
import { useStore } from '../../state/store';

const LAYOUTS: { value: Layout; label: string; hint: string }[] = [
  { value: 'tabs', label: 'Tabs', hint: 'One terminal: the selected agent' },
  { value: 'grid', label: 'Grid', hint: 'Every running agent side by side, a page at a time' },
  { value: 'focus', label: 'Focus', hint: 'The selected agent large, the others as live thumbnails' },
];

/** Tabs, Grid or Focus of terminals; while the map is shown neither is pressed, and either brings the terminals back. */
export function LayoutToggle() {
  const layout = useLayout();
  const mapOpen = useStore((s) => s.mapOpen);
  const setLayout = useStore((s) => s.setLayout);
  return (
    <div className="layout-toggle" role="group" aria-label="Layout">
      {LAYOUTS.map(({ value, label, hint }) => (
        <button
          key={value}
          type="button"
          aria-pressed={!mapOpen && layout === value}
          title={hint}
          onClick={() => setLayout(value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
