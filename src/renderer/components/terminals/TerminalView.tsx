import { useLayoutEffect, useRef } from 'react';
import type { TerminalSize } from '../../terminals/agent-terminal';
import type { TerminalDisplay } from '../../terminals/webgl-budget';
import { useServices } from '../../services-context';

/**
 * Where an agent's terminal appears. It owns no terminal: it asks the registry to attach the
 * agent's existing xterm (created on first view) to this node, and to detach it on unmount.
 * `thumbnail` shows it scaled down at its own size, for a glance (see thumbnail-scale.ts).
 */
export function TerminalView(props: { agentId: string; initialSize: TerminalSize; focusOnShow: boolean; display?: TerminalDisplay }) {
  const { agentId, focusOnShow } = props;
  const display = props.display ?? 'fit';
  const { terminals } = useServices();
  const containerRef = useRef<HTMLDivElement>(null);
  // Only used when the terminal is first created; later size changes come from fitting.
  const initialSizeRef = useRef<TerminalSize>({ cols: props.initialSize.cols, rows: props.initialSize.rows });

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const detach = terminals.attach(agentId, container, initialSizeRef.current, display);
    if (focusOnShow) terminals.get(agentId)?.focus();
    return detach;
  }, [terminals, agentId, focusOnShow, display]);

  const testId = display === 'thumbnail' ? `thumbnail-${agentId}` : `terminal-${agentId}`;
  return <div ref={containerRef} className={`terminal-container ${display}`} data-testid={testId} />;
}
