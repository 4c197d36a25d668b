import { useEffect, useRef } from 'react';
import { useServices } from '../../services-context';
import { useNewAgentDialogOpen } from '../../state/selectors';
import { useStore } from '../../state/store';
import { NewAgentForm } from './NewAgentForm';

/**
 * A native modal <dialog>: it traps focus, makes the page behind inert and closes on Escape.
 * The form mounts only while open, so every opening starts afresh: empty, or as "Run again" filled it.
 */
export function NewAgentDialog() {
  const open = useNewAgentDialogOpen();
  const closeNewAgentDialog = useStore((s) => s.closeNewAgentDialog);
  const prefill = useStore((s) => s.newAgentPrefill);
  const { terminals } = useServices();
  const dialogRef = useRef<HTMLDialogElement>(null);
  /** The agent just launched, whose terminal should have the focus once the dialog is gone. */
  const launchedAgentId = useRef<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      // close() gives the focus back to the opener; after a launch, the keys belong to the new agent.
      dialog.close();
      if (launchedAgentId.current) terminals.get(launchedAgentId.current)?.focus();
    }
    launchedAgentId.current = null;
  }, [open, terminals]);

  const onLaunched = (agentId: string): void => {
    launchedAgentId.current = agentId;
    closeNewAgentDialog();
  };

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="new-agent-title" onClose={closeNewAgentDialog}>
      {open && <NewAgentForm prefill={prefill} onCancel={closeNewAgentDialog} onLaunched={onLaunched} />}
    </dialog>
  );
}
