/**
 * Checks that keep the host reachable only from this machine's own pages and programs:
 * a Host header naming a loopback name (against DNS rebinding), an Origin (when a browser sends
 * one) of the host itself, and the random token printed at start.
 */
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_NAMES.some((name) => hostHeader.toLowerCase() === `${name}:${port}`);
}

/** Browsers always send Origin on a WebSocket; programs (the CLI) send none. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export function isValidToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
