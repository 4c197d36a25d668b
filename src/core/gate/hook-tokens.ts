/**
 * The secret of each agent's current run, put in its hooks' environment: new at every start and
 * resume, so a process left over from an earlier run (or a stray one) cannot act as the agent.
 * Tokens are never listed or saved.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export class HookTokens {
  private readonly tokens = new Map<string, string>();

  /** A new token for the agent's next run; the previous run's stops working. */
  issue(agentId: string): string {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(agentId, token);
    return token;
  }

  /** Whether `given` is the agent's current run's token (constant-time comparison). */
  matches(agentId: string, given: string): boolean {
    const expected = this.tokens.get(agentId);
    if (!expected) return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
