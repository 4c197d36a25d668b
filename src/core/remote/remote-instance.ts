/**
 * Finds (or starts) the Switchyard serving a repository on the remote host, through one SSH
 * command: the remote `switchyard instance --repo PATH --start --json` prints its port and token.
 * Run again after every reconnect: a remote serve that restarted has a new port and token.
 */
import { z } from 'zod';
import { remotePathWord, runSsh, sshFailure, SSH_FAILED, type SshSettings } from './ssh-command';
import type { RemoteTarget } from './remote-target';

const InstanceAnswerSchema = z.object({
  repo: z.string(),
  pid: z.number().int(),
  port: z.number().int().min(1).max(65535),
  token: z.string().min(1),
  started: z.boolean(),
});
export type RemoteInstance = z.infer<typeof InstanceAnswerSchema>;

export class RemoteStepError extends Error {}

export async function findRemoteInstance(
  target: RemoteTarget,
  settings: SshSettings,
  hostLabel: string,
  remoteCommand: string,
  repo: string,
  signal?: AbortSignal,
): Promise<RemoteInstance> {
  const result = await runSsh(target, settings, `${remoteCommand} instance --repo ${remotePathWord(repo)} --start --json`, signal ? { signal } : {});
  if (result.code === SSH_FAILED) throw new RemoteStepError(sshFailure(hostLabel, result.stderr));
  if (result.code !== 0) {
    // The remote CLI's own one-line message ("switchyard: …"), e.g. not a repository.
    const said = result.stderr.trim().split('\n').pop()?.replace(/^switchyard:\s*/, '').replace(/\.$/, '');
    throw new RemoteStepError(`Switchyard on ${hostLabel} could not serve ${repo}${said ? `: ${said}` : ''}.`);
  }
  const line = result.stdout.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = null;
  }
  const answer = InstanceAnswerSchema.safeParse(parsed);
  if (!answer.success) throw new RemoteStepError(`Switchyard on ${hostLabel} answered something other than its port and token; is it the same version as this one?`);
  return answer.data;
}
