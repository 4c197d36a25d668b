/**
 * `.agents/messages.jsonl`: every message and every delivery, appended one JSON line at a time and
 * read back at opening. A line that does not parse (torn by a crash, edited by hand) is skipped
 * with a warning; it never stops the repository from opening.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AgentIdSchema } from '../../shared/domain';
import { DeliveryViaSchema, MESSAGE_TEXT_MAX, type MessageDelivery, type MessageView } from '../../shared/messages';

export const MESSAGES_FILE = 'messages.jsonl';

const SentRecordSchema = z.object({
  type: z.literal('message'),
  id: z.string().min(1),
  at: z.string(),
  from: AgentIdSchema.nullable(),
  to: AgentIdSchema.nullable(),
  text: z.string().min(1).max(MESSAGE_TEXT_MAX),
  deliverNow: z.boolean().default(false),
});
const DeliveredRecordSchema = z.object({
  type: z.literal('delivered'),
  id: z.string().min(1),
  agentId: AgentIdSchema,
  at: z.string(),
  via: DeliveryViaSchema,
});
const RecordSchema = z.discriminatedUnion('type', [SentRecordSchema, DeliveredRecordSchema]);
type MessageRecord = z.infer<typeof RecordSchema>;

export type NewMessage = Omit<MessageView, 'deliveries'>;

export class MessageStore {
  /** In file order, which is the order they were sent. */
  private readonly messages = new Map<string, MessageView>();
  /** Whether the file ends in the middle of a line (a torn write): the next record starts a new one. */
  private tornTail = false;

  /** Reads `dir`/messages.jsonl (absent: no messages yet); `warn` hears about each line it skips. */
  constructor(
    private readonly file: string,
    warn: (problem: string) => void,
  ) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${file} could not be read (${(error as Error).message}); messages start empty.`);
      return;
    }
    this.tornTail = text.length > 0 && !text.endsWith('\n');
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const problem = this.apply(line);
      if (problem) warn(`${path.basename(file)} line ${index + 1} was skipped: ${problem}`);
    });
  }

  static inDir(dir: string, warn: (problem: string) => void): MessageStore {
    return new MessageStore(path.join(dir, MESSAGES_FILE), warn);
  }

  all(): MessageView[] {
    return [...this.messages.values()];
  }

  get(id: string): MessageView | undefined {
    return this.messages.get(id);
  }

  add(message: NewMessage): MessageView {
    this.append({ type: 'message', ...message });
    return this.messages.get(message.id)!;
  }

  /** Records that the message reached `delivery.agentId` (once: a second delivery to it is ignored). */
  delivered(id: string, delivery: MessageDelivery): MessageView | null {
    const message = this.messages.get(id);
    if (!message || message.deliveries.some((d) => d.agentId === delivery.agentId)) return null;
    this.append({ type: 'delivered', id, ...delivery });
    return message;
  }

  private append(record: MessageRecord): void {
    const line = `${this.tornTail ? '\n' : ''}${JSON.stringify(record)}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, line, { mode: 0o600 });
    this.tornTail = false;
    this.apply(JSON.stringify(record));
  }

  /** Applies one line to the messages; the reason it cannot, or null. */
  private apply(line: string): string | null {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return 'not JSON (a torn or hand-edited line)';
    }
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
    const record = parsed.data;
    if (record.type === 'message') {
      if (this.messages.has(record.id)) return `message ${record.id} appears twice`;
      const { type: _type, ...message } = record;
      this.messages.set(record.id, { ...message, deliveries: [] });
      return null;
    }
    const message = this.messages.get(record.id);
    if (!message) return `a delivery of unknown message ${record.id}`;
    if (!message.deliveries.some((d) => d.agentId === record.agentId)) {
      message.deliveries = [...message.deliveries, { agentId: record.agentId, at: record.at, via: record.via }];
    }
    return null;
  }
}
