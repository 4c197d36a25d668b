/**
 * Counts a page's WebGL contexts from inside the browser, independently of the app: every
 * context created, every one given back on purpose (WEBGL_lose_context), and every one the
 * browser took away (a `webglcontextlost` not asked for: what Chromium does past ~16 live ones).
 */
import type { Page } from 'playwright-core';

export interface WebglFigures {
  created: number;
  released: number;
  /** Losses nobody asked for: must stay 0. */
  lost: number;
  /** The most contexts alive at one moment. */
  maxLive: number;
}

/** Installs the counters; run before the page's own scripts (`page.addInitScript`). */
export async function installWebglProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const figures = { created: 0, released: 0, lost: 0, maxLive: 0 };
    const known = new WeakSet<object>();
    const released = new WeakSet<object>();
    const live = (): number => figures.created - figures.released - figures.lost;
    (window as unknown as { __webglFigures: typeof figures }).__webglFigures = figures;

    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const context = (original as (this: HTMLCanvasElement, ...args: unknown[]) => unknown).call(this, type, ...rest);
      const isWebgl = type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl';
      if (isWebgl && context && !known.has(context)) {
        known.add(context);
        figures.created += 1;
        figures.maxLive = Math.max(figures.maxLive, live());
        this.addEventListener('webglcontextlost', () => {
          if (!released.has(context)) figures.lost += 1;
        });
        const gl = context as WebGLRenderingContext;
        const getExtension = gl.getExtension.bind(gl);
        gl.getExtension = ((name: string) => {
          const extension = getExtension(name) as WEBGL_lose_context | null;
          if (name !== 'WEBGL_lose_context' || !extension) return extension;
          return {
            loseContext: () => {
              if (!released.has(context)) {
                released.add(context);
                figures.released += 1;
              }
              extension.loseContext();
            },
            restoreContext: () => extension.restoreContext(),
          };
        }) as typeof gl.getExtension;
      }
      return context;
    } as typeof original;
  });
}

export async function readWebglProbe(page: Page): Promise<WebglFigures> {
  return page.evaluate(() => ({ ...(window as unknown as { __webglFigures: WebglFigures }).__webglFigures }));
}
