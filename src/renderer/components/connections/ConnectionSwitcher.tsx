import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LOCAL_CONNECTION_ID, type ConnectionInfo } from '../../../shared/connections';
import { useServices } from '../../services-context';
import { removeConnection, retryConnection, switchConnection } from '../../state/connection-actions';
import { useStore } from '../../state/store';
import { AddConnectionDialog } from './AddConnectionDialog';
import { shortName, subtitle, title } from './connection-names';

/**
 * The header's connection switcher (issue 16): one compact button naming the core the window
 * shows, opening a listbox of this window's core and the connections added to it. Keyboard: the
 * arrows (and Home/End) move, Enter or Space switches, Delete removes a connection, Escape closes.
 * A failed connection's entry says why; Retry starts it again from its first step.
 * Absent where the window cannot switch (no `connections` services).
 */
export function ConnectionSwitcher() {
  const services = useServices();
  const connections = useStore((s) => s.connections);
  const currentId = useStore((s) => s.currentConnection);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [adding, setAdding] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    listRef.current?.focus();
    const closeOutside = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);

  const links = services.connections;
  if (!links) return null;
  const current = connections.find((entry) => entry.id === currentId);
  const unwell = current !== undefined && current.state !== 'connected';

  const show = (): void => {
    setActive(Math.max(0, connections.findIndex((entry) => entry.id === currentId)));
    setOpen(true);
  };
  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = (entry: ConnectionInfo): void => {
    switchConnection(services, entry.id);
    close();
  };
  const remove = (entry: ConnectionInfo | undefined): void => {
    if (!entry || entry.id === LOCAL_CONNECTION_ID) return;
    void removeConnection({ ...services, connections: links }, entry.id);
    setActive((index) => Math.max(0, index - 1));
  };

  const retry = (entry: ConnectionInfo | undefined): void => {
    if (entry?.state === 'failed') void retryConnection({ ...services, connections: links }, entry.id);
  };

  const onListKey = (event: KeyboardEvent): void => {
    const last = connections.length - 1;
    const moves: Record<string, number> = { ArrowDown: Math.min(active + 1, last), ArrowUp: Math.max(active - 1, 0), Home: 0, End: last };
    const move = moves[event.key];
    if (move !== undefined) setActive(move);
    else if (event.key === 'Enter' || event.key === ' ') {
      const entry = connections[active];
      if (entry) choose(entry);
    } else if (event.key === 'Delete') remove(connections[active]);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <div className="connection-switcher" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`connection-button${unwell ? ' connection-button-unwell' : ''}`}
        data-testid="connection-switcher"
        aria-haspopup="listbox"
        aria-expanded={open}
        title={current ? `${title(current)}${unwell ? ` (${subtitle(current)})` : ''}` : undefined}
        onClick={() => (open ? close() : show())}
      >
        <span className="visually-hidden">Connection: </span>
        <span aria-hidden="true">⇄ </span>
        {current ? shortName(current) : 'Local'}
        {unwell && <span className="connection-state-dot" aria-label={current.state} />}
      </button>
      {open && (
        <div className="connection-popup">
          <ul
            ref={listRef}
            role="listbox"
            aria-label="Connections"
            tabIndex={0}
            aria-activedescendant={connections[active] ? `connection-option-${connections[active].id}` : undefined}
            onKeyDown={onListKey}
          >
            {connections.map((entry, index) => (
              <li
                key={entry.id}
                id={`connection-option-${entry.id}`}
                role="option"
                aria-selected={entry.id === currentId}
                data-testid={`connection-option-${entry.id}`}
                className={`connection-option${index === active ? ' connection-option-active' : ''} connection-state-${entry.state}`}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(entry)}
              >
                <span className="connection-title">{title(entry)}</span>
                <span className="connection-subtitle">{subtitle(entry)}</span>
              </li>
            ))}
          </ul>
          <div className="connection-popup-actions">
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setAdding(true);
              }}
            >
              Add connection…
            </button>
            {connections[active]?.state === 'failed' && (
              <button type="button" onClick={() => retry(connections[active])}>
                Retry
              </button>
            )}
            <button type="button" disabled={connections[active]?.id === LOCAL_CONNECTION_ID || !connections[active]} onClick={() => remove(connections[active])}>
              Remove
            </button>
          </div>
        </div>
      )}
      <AddConnectionDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
