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

/**
 * Calls `refit` when the size of a character may have changed without the container changing
 * size: a web font finished loading (xterm measured the fallback), or the page came back from the
 * background (where layout and ResizeObserver are paused). Returns the function that stops.
 */
export function observeCellSizeChanges(refit: () => void): () => void {
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') refit();
  };
  document.fonts?.addEventListener('loadingdone', refit);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    document.fonts?.removeEventListener('loadingdone', refit);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
