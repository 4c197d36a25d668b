/** `switchyard message` and `switchyard messages`: the agents' messages from the command line. */
import type { Agent } from '../shared/domain';
import type { MessageView } from '../shared/messages';
import type { Output } from './commands';
import { findAgent, withClient } from './commands';
import { CliError } from './cli-error';

export async function messageCommand(
  options: { repo: string; agent?: string; all?: boolean; now?: boolean; json?: boolean; text: string[] },
  output: Output,
): Promise<void> {
  const text = options.text.join(' ').trim();
  if (options.all === (options.agent !== undefined)) throw new CliError('Name one agent, or --all (and not both).');
  if (!text) throw new CliError('Write the message after the agent (or --all).');
  await withClient(options.repo, async (client) => {
    const { message } = await client.invoke('messages.send', { to: options.all ? null : options.agent!, text, deliverNow: options.now ?? false });
    if (options.json) return output.out(JSON.stringify(message));
    output.out(`sent ${message.id} to ${message.to ?? 'all agents'}`);
  });
}

export async function messagesCommand(options: { repo: string; agent?: string; json?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agentId = options.agent === undefined ? undefined : (await findAgent(client, options.agent)).id;
    const [{ messages }, { agents }] = await Promise.all([
      client.invoke('messages.list', agentId === undefined ? {} : { agentId }),
      client.invoke('agents.list', {}),
    ]);
    if (options.json) return output.out(JSON.stringify({ messages }));
    if (messages.length === 0) return output.out(agentId === undefined ? 'No messages yet.' : `No messages in ${options.agent}'s thread yet.`);
    const names = new Map(agents.map((a: Agent) => [a.id, a.name]));
    for (const message of messages) output.out(messageLine(message, names));
  });
}

function messageLine(message: MessageView, names: Map<string, string>): string {
  const who = (id: string | null): string => (id === null ? 'user' : (names.get(id) ?? id));
  const to = message.to === null ? 'all' : who(message.to);
  const delivered = message.deliveries.length === 0 ? 'not delivered yet' : `delivered to ${message.deliveries.map((d) => `${who(d.agentId)} (${d.via})`).join(', ')}`;
  return `${message.at.slice(0, 19).replace('T', ' ')}  ${who(message.from)} → ${to}: ${message.text.replace(/\s*\n\s*/g, ' ')}  [${delivered}]`;
}
