/**
 * The remote host a person types: `[user@]host[:port]` (`[::1]:2222` for an IPv6 address). Parsed
 * here rather than handed to ssh whole so that a typo is answered in a sentence before any
 * connection, and so nothing that starts with `-` can reach ssh's command line as an option.
 */
export interface RemoteTarget {
  user: string | null;
  host: string;
  /** Null: ssh decides (the ssh config's Port, else 22). */
  port: number | null;
}

export class RemoteTargetError extends Error {}

const EXAMPLE = 'give it as [user@]host[:port], e.g. me@build1 or build1:2222';
// Host names, ssh config aliases and IPv4 addresses; IPv6 comes in brackets.
const HOST = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function parseRemoteTarget(text: string): RemoteTarget {
  const given = text.trim();
  if (given === '') throw new RemoteTargetError(`The remote host is empty; ${EXAMPLE}.`);
  if (/\s/.test(given)) throw new RemoteTargetError(`"${given}" holds a space; ${EXAMPLE}.`);
  const at = given.lastIndexOf('@');
  const user = at >= 0 ? given.slice(0, at) : null;
  const rest = at >= 0 ? given.slice(at + 1) : given;
  if (user !== null && !USER.test(user)) {
    throw new RemoteTargetError(`"${user}" is not a user name (letters, digits, ".", "_" and "-", not first); ${EXAMPLE}.`);
  }
  let host: string;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new RemoteTargetError(`"${rest}" opens an IPv6 address with "[" but never closes it; ${EXAMPLE}.`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw new RemoteTargetError(`"${rest}" has "${after}" after the address; ${EXAMPLE}.`);
    if (after !== '') portText = after.slice(1);
    if (!IPV6.test(host)) throw new RemoteTargetError(`"${host}" is not an IPv6 address; ${EXAMPLE}.`);
  } else {
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    if (colon >= 0) portText = rest.slice(colon + 1);
    if (host === '') throw new RemoteTargetError(`"${given}" names no host; ${EXAMPLE}.`);
    if (!HOST.test(host)) throw new RemoteTargetError(`"${host}" is not a host name (letters, digits, ".", "_" and "-", not first); ${EXAMPLE}.`);
  }
  let port: number | null = null;
  if (portText !== null) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new RemoteTargetError(`"${portText}" is not a port (1-65535); ${EXAMPLE}.`);
  }
  return { user, host, port };
}

/** `user@host:port` as the person would type it again (brackets back around IPv6). */
export function formatRemoteTarget(target: RemoteTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user ? `${target.user}@` : ''}${host}${target.port ? `:${target.port}` : ''}`;
}
