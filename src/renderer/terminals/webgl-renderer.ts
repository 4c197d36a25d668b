import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

/**
 * A terminal's WebGL renderer, and the way to give its context back. Chromium keeps about 16 live
 * WebGL contexts per page and silently loses the oldest past that; disposing the addon does not
 * free its context (it lives until garbage collection), so `release` also loses it explicitly
 * with WEBGL_lose_context, which frees the slot at once.
 */
export interface WebglRenderer {
  /** Back to the DOM renderer, with the context freed. */
  release(): void;
}

/**
 * Switches an opened terminal to WebGL when the GPU allows it; null (DOM renderer) otherwise.
 * `onLost` runs when the browser takes the context away (a GPU reset, or too many contexts):
 * the addon is disposed then and xterm falls back to its DOM renderer.
 */
export function tryLoadWebglRenderer(term: Terminal, onLost: () => void): WebglRenderer | null {
  const host = term.element;
  if (!host) return null;
  const canvasesBefore = new Set(host.querySelectorAll('canvas'));
  let addon: WebglAddon;
  try {
    addon = new WebglAddon();
    term.loadAddon(addon);
  } catch {
    return null;
  }
  // The canvases the addon added: getContext with the type it used returns its existing context.
  const contexts = [...host.querySelectorAll('canvas')]
    .filter((canvas) => !canvasesBefore.has(canvas))
    .map((canvas) => canvas.getContext('webgl2'))
    .filter((context): context is WebGL2RenderingContext => context !== null);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    addon.dispose();
    for (const context of contexts) context.getExtension('WEBGL_lose_context')?.loseContext();
  };
  addon.onContextLoss(() => {
    if (released) return;
    release();
    onLost();
  });
  return { release };
}

/** `?renderer=dom` forces the DOM renderer, whose rows (`.xterm-rows`) tests can read as text. */
export function isDomRendererForced(search: string): boolean {
  return new URLSearchParams(search).get('renderer') === 'dom';
}
