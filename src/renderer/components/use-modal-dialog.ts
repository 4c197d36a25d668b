import { useEffect, useRef, type RefObject } from 'react';

/**
 * Shows a native modal <dialog> while `open` is true and closes it when it turns false. The
 * browser then traps focus, makes the page behind inert and closes on Escape (the dialog's own
 * `onClose` tells the owner). Returns the ref to put on the <dialog>.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return dialogRef;
}
