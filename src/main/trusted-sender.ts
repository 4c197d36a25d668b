/** Only our own renderer page may call the IPC bridge (VS Code's validatedIpcMain idea). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** The built index.html, loaded over file://. */
  indexFile: string;
  /** electron-vite's dev server URL during `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

export function isTrustedSenderUrl(url: string | undefined, renderer: RendererLocation): boolean {
  if (!url) return false;
  if (renderer.devServerUrl) {
    try {
      if (new URL(url).origin === new URL(renderer.devServerUrl).origin) return true;
    } catch {
      return false;
    }
  }
  const expected = pathToFileURL(path.resolve(renderer.indexFile)).href;
  return url.split(/[?#]/)[0] === expected;
}
