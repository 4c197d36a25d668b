/**
 * A thumbnail shows a terminal at the size its agent's pty has, scaled down to fit its box: the
 * agent keeps its screen size, and the glance stays live (xterm keeps rendering into it).
 */

/** Scales `host` (at its natural size) into `container`, following both sizes; returns the stop. */
export function scaleIntoContainer(host: HTMLElement, container: HTMLElement): () => void {
  const apply = (): void => {
    // offsetWidth/Height ignore transforms: they are the terminal's own size.
    const { offsetWidth: width, offsetHeight: height } = host;
    if (width === 0 || height === 0) return;
    const scale = Math.min(container.clientWidth / width, container.clientHeight / height, 1);
    host.style.transform = `scale(${scale})`;
  };
  const observer = new ResizeObserver(apply);
  observer.observe(host);
  observer.observe(container);
  apply();
  return () => {
    observer.disconnect();
    host.style.transform = '';
  };
}
