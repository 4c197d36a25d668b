import type { SliceCreator } from './store';

export interface Toast {
  id: number;
  message: string;
}

export interface ToastsSlice {
  toasts: Toast[];
  /** Shows an error; an identical message already on screen is not repeated (e.g. per keystroke). */
  pushToast(message: string): void;
  dismissToast(id: number): void;
}

/** More than this and the oldest go; a wall of toasts helps nobody. */
const MAX_VISIBLE_TOASTS = 5;

let nextToastId = 1;

export const createToastsSlice: SliceCreator<ToastsSlice> = (set) => ({
  toasts: [],
  pushToast: (message) =>
    set((state) => {
      if (state.toasts.some((toast) => toast.message === message)) return state;
      const toasts = [...state.toasts, { id: nextToastId++, message }];
      return { toasts: toasts.slice(-MAX_VISIBLE_TOASTS) };
    }),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
});
