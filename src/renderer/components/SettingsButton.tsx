import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog';

/** The header's way into the repository settings (queue size, stuck detection). */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="settings-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Settings
      </button>
      <SettingsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
