/**
 * Joins an agent's terminal history with the live `terminal.data` chunks that arrived while the
 * history request was in flight. Chunks the host emitted before taking its snapshot are already
 * the tail of the history; chunks emitted after it are not. So the longest run of queued chunks,
 * starting with the first, that the history ends with is dropped and the rest is appended —
 * nothing is lost and nothing is written twice.
 */
export function mergeHistoryWithQueued(history: string, queued: readonly string[]): string {
  let alreadyInHistory = 0;
  let run = '';
  for (let count = 1; count <= queued.length; count++) {
    run += queued[count - 1] ?? '';
    if (run.length > history.length) break;
    if (history.endsWith(run)) alreadyInHistory = count;
  }
  return history + queued.slice(alreadyInHistory).join('');
}
