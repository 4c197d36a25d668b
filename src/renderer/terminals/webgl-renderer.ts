import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

/**
 * Switches an opened terminal to the WebGL renderer when the GPU allows it. On failure, or when
 * the context is lost later (GPU reset, or the browser dropping old contexts once too many
 * terminals hold one), the addon is disposed and xterm falls back to its DOM renderer.
 */
export function tryLoadWebglRenderer(term: Terminal): WebglAddon | null {
  try {
    const addon = new WebglAddon();
    addon.onContextLoss(() => addon.dispose());
    term.loadAddon(addon);
    return addon;
  } catch {
    return null;
  }
}

/** `?renderer=dom` forces the DOM renderer, whose rows (`.xterm-rows`) tests can read as text. */
export function isDomRendererForced(search: string): boolean {
  return new URLSearchParams(search).get('renderer') === 'dom';
}
