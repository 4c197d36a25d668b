/**
 * Where the SSH link to a remote Switchyard (src/core/remote/, issue 16) plugs into the hosts
 * (`serve` and the Electron main process, both through startSwitchyard): until it is built in this
 * is null, and adding a remote connection answers that it is not available.
 */
import type { RemoteLinkFactory } from '../core';

export const remoteLinkFactory: RemoteLinkFactory | null = null;
