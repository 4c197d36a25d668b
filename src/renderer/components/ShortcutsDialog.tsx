import { SHORTCUT_GROUPS } from '../shortcut-list';
import { useStore } from '../state/store';
import { useModalDialog } from './use-modal-dialog';
import './navigation.css';

/** `?` or F1: every keyboard shortcut, in a modal dialog (Esc or Close dismisses it). */
export function ShortcutsDialog() {
  const open = useStore((s) => s.shortcutsOpen);
  const closeShortcuts = useStore((s) => s.closeShortcuts);
  const dialogRef = useModalDialog(open);
  return (
    <dialog ref={dialogRef} className="dialog shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={closeShortcuts}>
      {open && (
        <div className="shortcuts-body">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3 className="shortcuts-group">{group.title}</h3>
              <dl className="shortcuts-list">
                {group.entries.map((entry) => (
                  <div key={entry.keys} className="shortcuts-row">
                    <dt>
                      <kbd>{entry.keys}</kbd>
                    </dt>
                    <dd>
                      {entry.does}
                      {entry.byLayout && (
                        <ul className="shortcuts-by-layout" aria-label={`${entry.keys} in each layout`}>
                          {entry.byLayout.map(({ layout, does }) => (
                            <li key={layout}>
                              <strong>{layout}:</strong> {does}
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={closeShortcuts}>
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
