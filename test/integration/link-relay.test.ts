/**
 * The desktop window's relay to another core (issue 16), in plain Node: the main process's relay
 * module opens the far socket to a real second `switchyard serve` (a LocalInstanceLink, as the
 * registry makes one for a repository another Switchyard serves) and carries wire.ts frames both
 * ways. The Electron IPC around it cannot run here (no Electron binary; see TESTING.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalInstanceLink } from '../../src/core/connections/local-instance-link';
import { createLinkRelays, type LinkRelays } from '../../src/main/link-relay';
import type { RelayEvent } from '../../src/shared/relay';
import { cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

/** Every event the relays sent, and a wait for the first (past or future) that matches. */
function recorder() {
  const events: RelayEvent[] = [];
  const waiters = new Set<{ match: (event: RelayEvent) => boolean; resolve: (event: RelayEvent) => void }>();
  return {
    send(event: RelayEvent) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.match(event)) continue;
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    },
    next(match: (event: RelayEvent) => boolean): Promise<RelayEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.add({ match, resolve }));
    },
    events,
  };
}

describe('the desktop window’s relay to another core', () => {
  let other: TempRepo;
  let otherServe: ServeProcess;
  let link: LocalInstanceLink;
  let relays: LinkRelays;
  const heard = recorder();

  beforeAll(async () => {
    other = makeTempRepo();
    const env = cliEnv();
    otherServe = await startServe(other.dir, env);
    // Polling off: the relay must notice the far serve going away by its socket alone.
    link = new LocalInstanceLink({ id: 'c1', repo: other.dir, env, pollMs: 0 });
    relays = createLinkRelays({ link: (id) => (id === link.id ? link : undefined) }, (event) => heard.send(event));
  });
  afterAll(async () => {
    relays?.closeAll();
    await link?.close();
    await otherServe?.stop();
    other?.remove();
  });

  it('opens a relay to the connection and carries an invoke to the far core and its answer back', async () => {
    expect(link.state).toBe('connected');
    relays.handle({ type: 'open', relay: 'r1', connection: 'c1' });
    expect(await heard.next((event) => event.relay === 'r1')).toEqual({ type: 'open', relay: 'r1' });
    relays.handle({ type: 'frame', relay: 'r1', frame: JSON.stringify({ type: 'invoke', id: 7, name: 'repo.get', input: {} }) });
    const answer = await heard.next((event) => event.type === 'frame' && event.relay === 'r1' && JSON.parse(event.frame).type === 'result');
    expect(answer.type === 'frame' && JSON.parse(answer.frame)).toEqual({ type: 'result', id: 7, result: { ok: true, value: { repo: other.dir } } });
  });

  it('says clearly that a connection does not exist, and that a frame is for no open relay', async () => {
    relays.handle({ type: 'open', relay: 'r2', connection: 'c9' });
    expect(await heard.next((event) => event.relay === 'r2')).toEqual({ type: 'close', relay: 'r2', reason: 'There is no connection "c9".' });
    relays.handle({ type: 'frame', relay: 'r3', frame: '{}' });
    expect(await heard.next((event) => event.relay === 'r3')).toEqual({
      type: 'close',
      relay: 'r3',
      reason: 'No relay "r3" is open; open it again.',
    });
    relays.handle({ type: 'open', relay: 'r4' });
    expect(await heard.next((event) => event.relay === 'r4')).toEqual({
      type: 'close',
      relay: 'r4',
      reason: 'The window sent a relay request of unknown shape.',
    });
  });

  it('reports the relay closed, with a reason, when the far serve is killed', async () => {
    const exited = new Promise((resolve) => otherServe.child.once('exit', resolve));
    otherServe.child.kill('SIGKILL');
    await exited;
    expect(await heard.next((event) => event.relay === 'r1' && event.type === 'close')).toEqual({
      type: 'close',
      relay: 'r1',
      reason: `Lost ${other.dir} (it stopped answering)`,
    });
    // The relay is gone: a frame for it now says so.
    relays.handle({ type: 'frame', relay: 'r1', frame: '{}' });
    expect(heard.events.at(-1)).toEqual({ type: 'close', relay: 'r1', reason: 'No relay "r1" is open; open it again.' });
  });
});
