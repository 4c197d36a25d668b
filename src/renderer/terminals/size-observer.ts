/**
 * Container resizes arrive in bursts (window drags, grid reflow). Fitting once they settle avoids
 * reflowing the terminal and resizing the agent's pty dozens of times a second.
 */
export const FIT_DEBOUNCE_MS = 50;

/** Calls `onSettled` once `element` has stopped changing size; returns the function that stops. */
export function observeSettledSize(element: HTMLElement, onSettled: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(onSettled, FIT_DEBOUNCE_MS);
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
