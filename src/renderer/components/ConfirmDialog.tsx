import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

/**
 * The app's own "are you sure?" (the browser's confirm() looks foreign, cannot be styled and
 * blocks the page, terminals included). Esc and Cancel both answer no.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { open, title, confirmLabel, onConfirm, onCancel } = props;
  const dialogRef = useModalDialog(open);
  const titleId = `confirm-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={dialogRef} className="dialog confirm-dialog" aria-labelledby={titleId} onClose={onCancel}>
      {open && (
        <div className="confirm-body">
          <h2 id={titleId}>{title}</h2>
          <p>{props.children}</p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={onCancel}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
