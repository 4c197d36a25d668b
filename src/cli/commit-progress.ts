/**
 * `switchyard commit`'s live progress: `commit.progress` events from the host's WebSocket. Apart
 * from the command so `ws` and the event schemas load only when progress is printed.
 */
import WebSocket from 'ws';
import { CommitProgressSchema } from '../shared/commit-plan';
import type { EventPayload } from '../shared/contract';
import { ServerMessageSchema, WS_PATH } from '../shared/wire';
import type { InstanceInfo } from '../core/instances/instance-registry';
import { formatProgress } from './progress-line';

type Progress = EventPayload<'commit.progress'>;

/** How long to wait for the event connection before committing without live progress. */
const PROGRESS_CONNECT_TIMEOUT_MS = 2_000;

/**
 * Prints `commit.progress` events from the host's WebSocket (the control socket answers requests
 * only). Best effort: without a connection the run goes on and the summary still says it all.
 */
export async function followProgress(instance: InstanceInfo, onProgress: (progress: Progress) => void): Promise<() => void> {
  if (!instance.port || !instance.token) return () => undefined;
  const ws = new WebSocket(`ws://127.0.0.1:${instance.port}${WS_PATH}?token=${encodeURIComponent(instance.token)}`);
  ws.on('error', () => undefined);
  const opened = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), PROGRESS_CONNECT_TIMEOUT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(true);
    });
    ws.once('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!opened) {
    ws.terminate();
    return () => undefined;
  }
  let last = '';
  ws.on('message', (raw) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw));
    } catch {
      return;
    }
    const message = ServerMessageSchema.safeParse(parsed);
    if (!message.success || message.data.type !== 'event' || message.data.name !== 'commit.progress') return;
    const progress = CommitProgressSchema.safeParse(message.data.payload);
    if (!progress.success) return;
    const line = formatProgress(progress.data);
    if (line !== last) onProgress(progress.data);
    last = line;
  });
  return () => ws.close();
}
