/** The loopback host lets in only our own pages and programs, with the token. */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import { startHost, type RunningHost } from '../../src/host/host-server';

const APP_ROOT = path.resolve(__dirname, '..', '..');

/** Opens a WebSocket and reports the HTTP status it was refused with, or 101 when accepted. */
function tryConnect(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function get(port: number, hostHeader: string): Promise<number> {
  return getResponse(port, hostHeader).then((res) => res.statusCode ?? 0);
}

function getResponse(port: number, hostHeader: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
  });
}

describe('the WebSocket host', () => {
  let host: RunningHost;
  let core: Orchestrator;

  beforeAll(async () => {
    core = new Orchestrator({ appRoots: [APP_ROOT] });
    host = await startHost({ router: createRouter(orchestratorHandlers(core)), events: core.events, staticDir: null });
  });
  afterAll(async () => {
    await host.close();
    await core.dispose();
  });

  const wsUrl = (token?: string): string =>
    `ws://127.0.0.1:${host.port}/ws${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

  it('binds to loopback and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('rejects a connection without the token, and one with a wrong token', async () => {
    expect(await tryConnect(wsUrl())).toBe(401);
    expect(await tryConnect(wsUrl('not-the-token'))).toBe(401);
  });

  it('rejects a connection from a foreign Origin even with the token', async () => {
    expect(await tryConnect(wsUrl(host.token), { origin: 'http://evil.example' })).toBe(403);
    expect(await tryConnect(wsUrl(host.token), { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
  });

  it('rejects a Host header other than the loopback names (DNS rebinding)', async () => {
    expect(await tryConnect(wsUrl(host.token), { host: `evil.example:${host.port}` })).toBe(421);
    expect(await get(host.port, `evil.example:${host.port}`)).toBe(421);
  });

  it('sends a strict CSP and no Referer (the URL carries the token) with every page', async () => {
    const res = await getResponse(host.port, `127.0.0.1:${host.port}`);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('accepts the token from its own origin and answers contract calls with typed results', async () => {
    expect(await tryConnect(wsUrl(host.token), { origin: `http://localhost:${host.port}` })).toBe(101);
    const ws = new WebSocket(wsUrl(host.token));
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = (payload: object): Promise<unknown> =>
      new Promise((resolve) => {
        ws.once('message', (raw) => resolve(JSON.parse(raw.toString())));
        ws.send(JSON.stringify(payload));
      });
    expect(await reply({ type: 'invoke', id: 1, name: 'agents.list', input: {} })).toEqual({
      type: 'result',
      id: 1,
      result: { ok: true, value: { agents: [], revision: 0 } },
    });
    const bad = (await reply({ type: 'invoke', id: 2, name: 'agents.stop', input: { id: 'Not An Id!' } })) as {
      result: { ok: boolean; error: { code: string } };
    };
    expect(bad.result.ok).toBe(false);
    expect(bad.result.error.code).toBe('invalid-input');
    ws.close();
  });
});
