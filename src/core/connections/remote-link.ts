/**
 * The connection list's SSH link: a `RemoteConnection` to `switchyard serve` on another host,
 * started as it is added (the list shows it connecting, then connected or failed with why).
 */
import { SwitchyardError } from '../../shared/result';
import type { CoreLink } from '../remote/core-link';
import { RemoteConnection } from '../remote/remote-connection';
import { RemoteTargetError } from '../remote/remote-target';
import type { RemoteLinkFactory } from './connection-registry';

export function remoteLinkFactory(appRoot: string | undefined): RemoteLinkFactory {
  return (target: string, repo: string): CoreLink => {
    let link: RemoteConnection;
    try {
      link = new RemoteConnection(target, repo, appRoot === undefined ? {} : { appRoot });
    } catch (error) {
      if (error instanceof RemoteTargetError) throw new SwitchyardError('invalid-input', error.message);
      throw error;
    }
    // Never rejects: a failure is the link's `failed` state and its detail.
    void link.start();
    return link;
  };
}
