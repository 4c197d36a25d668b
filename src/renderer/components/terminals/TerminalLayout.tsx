import { useLayout } from '../../state/selectors';
import { TerminalFocus } from './TerminalFocus';
import { TerminalGrid } from './TerminalGrid';
import { TerminalTabs } from './TerminalTabs';
import './terminal-layouts.css';

/** The agents' terminals in the chosen layout (LayoutToggle): Tabs, Grid or Focus. */
export function TerminalLayout() {
  const layout = useLayout();
  if (layout === 'grid') return <TerminalGrid />;
  if (layout === 'focus') return <TerminalFocus />;
  return <TerminalTabs />;
}
