/**
 * Connections: the cores a window can show besides its own (issue 16). The local core keeps the
 * list; its host proxies a window's WebSocket opened with `&connection=ID` to the chosen one, so
 * the page keeps one origin and never holds the far core's token.
 */
import { z } from 'zod';

/** The entry for the window's own core: always first, never removed. */
export const LOCAL_CONNECTION_ID = 'local';

/** The query parameter of `/ws` (and of the page's address) that names the connection. */
export const CONNECTION_PARAM = 'connection';

export const ConnectionStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'failed', 'closed']);

export const ConnectionInfoSchema = z.object({
  id: z.string(),
  /** `user@host:/path/to/repo` for a remote core; the repository's path for another local instance. */
  label: z.string(),
  kind: z.enum(['local', 'instance', 'remote']),
  state: ConnectionStateSchema,
  /**
   * Why it is reconnecting or failed, in a sentence a person can act on; while an SSH link is
   * connecting, the step it is at; null otherwise.
   */
  detail: z.string().nullable(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/** `[user@]host[:port]`: what `ssh` would take, without options (a leading `-` would be one). */
export const RemoteTargetSchema = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(?::\d{1,5})?$/, 'write the host as [user@]host[:port]')
  .refine((target) => !target.startsWith('-'), 'a host cannot start with "-"');

export const connectionCommands = {
  /** This window's core first (id `local`), then every connection added, oldest first. */
  'connections.list': {
    input: z.object({}).strict(),
    output: z.object({ connections: z.array(ConnectionInfoSchema) }),
  },
  /**
   * Adds a connection: with `target`, the Switchyard serving `repo` on that SSH host; without, the
   * Switchyard another process of this user runs for `repo` on this machine. Adding one that is
   * already listed answers the existing entry (a failed SSH one is tried again).
   */
  'connections.add': {
    input: z
      .object({
        target: RemoteTargetSchema.optional(),
        repo: z.string().trim().min(1, 'enter the repository path'),
      })
      .strict(),
    output: z.object({ connection: ConnectionInfoSchema }),
  },
  /** Tries a `failed` connection again from its first step; any other answers as it is. */
  'connections.retry': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ connection: ConnectionInfoSchema }),
  },
  /** Closes the link (the far core and its agents keep running) and forgets it. */
  'connections.remove': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
} as const;

export const connectionEvents = {
  /** The whole list, after any connection was added, removed or changed state. */
  'connections.changed': z.object({ connections: z.array(ConnectionInfoSchema) }),
} as const;
