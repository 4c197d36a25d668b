/**
 * A link to another Switchyard core: a remote one reached through an SSH tunnel
 * (`remote-connection.ts`), or another instance on this machine. The local host lists links as
 * connections and proxies a window's WebSocket to the one it chose, so the page keeps one origin
 * and the far side's token stays in this process.
 */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/** Where to open a WebSocket to the far core, and what it checks. */
export interface LinkEndpoint {
  /** `ws+unix:///path/to/forwarded.sock:/ws` (an SSH-forwarded socket) or `ws://127.0.0.1:PORT/ws`. */
  url: string;
  /** The Host header the far host expects (`127.0.0.1:<its port>`): it answers only loopback names. */
  host: string;
  /** The far core's token; sent as the `token` query parameter, never on a command line. */
  token: string;
}

export interface CoreLink {
  readonly id: string;
  /** What the connection switcher shows: `user@host:/path/to/repo`, or the repository's path. */
  readonly label: string;
  readonly state: LinkState;
  /**
   * Why it is reconnecting or failed, in one sentence a person can act on; while connecting, the
   * step it is at (`Opening the SSH tunnel…`) if it has steps; null otherwise.
   */
  readonly detail: string | null;
  /** Null unless connected. */
  endpoint(): LinkEndpoint | null;
  onDidChangeState(listener: () => void): { dispose(): void };
  /** A `failed` link starts again from the beginning (absent where there is nothing to retry). */
  retry?(): void;
  /** Closes the tunnel; the far core and its agents keep running. */
  close(): Promise<void>;
}
