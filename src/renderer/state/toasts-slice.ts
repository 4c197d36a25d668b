import type { SliceCreator } from './slice-creator';

/** `error` needs attention (a failure), `warning` may need it (a stuck agent), `info` is news. */
export type ToastTone = 'error' | 'warning' | 'info';

export interface Toast {
  id: number;
  /** A short headline above the message, e.g. "alpha finished its task". */
  title: string | null;
  message: string;
  tone: ToastTone;
}

export interface ToastOptions {
  title?: string;
  /** `error` when absent: most toasts report a failed action. */
  tone?: ToastTone;
}

export interface ToastsSlice {
  toasts: Toast[];
  /** Shows a toast; an identical one already on screen is not repeated (e.g. per keystroke). */
  pushToast(message: string, options?: ToastOptions): void;
  dismissToast(id: number): void;
}

/** More than this and the oldest go; a wall of toasts helps nobody. */
const MAX_VISIBLE_TOASTS = 5;

let nextToastId = 1;

export const createToastsSlice: SliceCreator<ToastsSlice> = (set) => ({
  toasts: [],
  pushToast: (message, options = {}) =>
    set((state) => {
      const title = options.title ?? null;
      if (state.toasts.some((toast) => toast.message === message && toast.title === title)) return state;
      const toasts = [...state.toasts, { id: nextToastId++, title, message, tone: options.tone ?? 'error' }];
      return { toasts: toasts.slice(-MAX_VISIBLE_TOASTS) };
    }),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
});
