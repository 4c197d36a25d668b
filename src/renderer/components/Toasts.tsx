import { useEffect } from 'react';
import type { Toast } from '../state/toasts-slice';
import { useToasts } from '../state/selectors';
import { useStore } from '../state/store';

/** Long enough to read two lines; errors that need action also show where they happened. */
const TOAST_LIFETIME_MS = 8_000;

export function Toasts() {
  const toasts = useToasts();
  return (
    <div className="toasts" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismissToast = useStore((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), TOAST_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [toast.id, dismissToast]);
  // Failures interrupt a screen reader; news waits its turn.
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'info' ? 'status' : 'alert'} data-tone={toast.tone}>
      <span className="toast-text">
        {toast.title && <strong className="toast-title">{toast.title}</strong>}
        {toast.message && <span className="toast-message">{toast.message}</span>}
      </span>
      <button type="button" className="toast-dismiss" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
        ×
      </button>
    </div>
  );
}
