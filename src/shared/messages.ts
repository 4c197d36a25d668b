/**
 * Messages between the agents of a repository and the user, as they cross the contract, and the
 * roster that tells each agent who else works here. Kept in `.agents/messages.jsonl`; a message
 * reaches a working agent on its next hook event, an idle one only when the user allows it.
 */
import { z } from 'zod';
import { AgentIdSchema, AgentStatusSchema } from './domain';

export const MESSAGE_TEXT_MAX = 10_000;

/** How a message reached an agent: a hook's additional context, typed at its prompt, or asked for (read_messages). */
export const DeliveryViaSchema = z.enum(['hook', 'prompt', 'read']);

export const MessageDeliverySchema = z.object({
  agentId: AgentIdSchema,
  at: z.string(),
  via: DeliveryViaSchema,
});
export type MessageDelivery = z.infer<typeof MessageDeliverySchema>;

export const MessageViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The sending agent; null: the user. */
  from: AgentIdSchema.nullable(),
  /** The receiving agent; null: every agent of the repository. */
  to: AgentIdSchema.nullable(),
  text: z.string(),
  /** The user asked for it to be typed at an idle recipient's prompt. */
  deliverNow: z.boolean(),
  /** The recipients it has reached so far. */
  deliveries: z.array(MessageDeliverySchema),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

/** Is `message` part of `agentId`'s thread (sent by it, to it, or to all)? What the UI and `messages.list` show for an agent. */
export const inThreadOf = (message: Pick<MessageView, 'from' | 'to'>, agentId: string): boolean =>
  message.from === agentId || message.to === agentId || message.to === null;

/** One other agent, as the roster shows it. */
export const RosterEntrySchema = z.object({
  id: AgentIdSchema,
  name: z.string(),
  status: AgentStatusSchema,
  task: z.string(),
  claims: z.array(z.string()),
  /** It works in its own worktree and branch: its claims are advisory, its files are not the shared tree's. */
  isolated: z.boolean().optional(),
});

const MessagesRevisionSchema = z.number().int().nonnegative();

export const messageCommands = {
  /** Sends a message from the user (no `from`) or an agent, to one agent (its id or name) or, with `to` null, to all. */
  'messages.send': {
    input: z
      .object({
        from: AgentIdSchema.optional(),
        to: z.string().trim().min(1).max(80).nullable(),
        text: z.string().trim().min(1, 'write a message').max(MESSAGE_TEXT_MAX),
        /** Type it at the recipient's prompt when it is idle, whatever the repository's setting. */
        deliverNow: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ message: MessageViewSchema }),
  },
  /** The messages of one agent's thread (sent by it, to it, or to all), or every message; oldest first. Marks nothing read. */
  'messages.list': {
    input: z.object({ agentId: AgentIdSchema.optional() }).strict(),
    output: z.object({ messages: z.array(MessageViewSchema), revision: MessagesRevisionSchema }),
  },
  /** An agent reads its messages (unread ones, or all with `all`); the unread ones count as delivered from now on. */
  'messages.read': {
    input: z.object({ agentId: AgentIdSchema, all: z.boolean().default(false) }).strict(),
    output: z.object({ messages: z.array(MessageViewSchema) }),
  },
  /** Who works on the repository (but `agentId` itself), their tasks and claims, and the rules, as the agents are told. */
  'agents.roster': {
    input: z.object({ agentId: AgentIdSchema.optional() }).strict(),
    output: z.object({ agents: z.array(RosterEntrySchema), text: z.string() }),
  },
} as const;

export const messageEvents = {
  /** Messages that were sent or reached a recipient since the previous announcement (upsert by id). */
  'messages.changed': z.object({ revision: MessagesRevisionSchema, messages: z.array(MessageViewSchema) }),
} as const;
