/** The Electron window's security settings and the IPC sender check. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../src/main/trusted-sender';
import { CONTENT_SECURITY_POLICY, windowOptions } from '../../src/main/window-options';

describe('BrowserWindow options', () => {
  it('isolate the renderer: context isolation, sandbox, no Node integration', () => {
    const prefs = windowOptions('/app/out/preload/index.js').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const directives = (policy: string): Map<string, string> =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name!, values.join(' ')];
        }),
    );

  it('allows scripts only from the app itself and nothing embeddable', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('is also set in the renderer page, with no inline or remote scripts', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'index.html declares a CSP meta tag').not.toBeNull();
    const csp = directives(meta![1]!);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('connect-src')?.split(' ').every((s) => s === "'self'" || /^ws:\/\/(127\.0\.0\.1|localhost|\[::1\]):\*$/.test(s))).toBe(true);
  });
});

describe('isTrustedSenderUrl', () => {
  const renderer = { indexFile: '/app/out/renderer/index.html' };
  it('accepts only our own page', () => {
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html', renderer)).toBe(true);
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html#/agents', renderer)).toBe(true);
    expect(isTrustedSenderUrl('file:///tmp/evil.html', renderer)).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/', renderer)).toBe(false);
    expect(isTrustedSenderUrl(undefined, renderer)).toBe(false);
  });
  it('accepts the dev server origin only while developing', () => {
    const dev = { ...renderer, devServerUrl: 'http://localhost:5173/' };
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false);
  });
});
