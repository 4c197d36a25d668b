import { randomBytes } from 'node:crypto';

/** A readable, unique id: the name as a slug plus a short random suffix (`fix-auth-3f2a`). */
export function newAgentId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const suffix = randomBytes(2).toString('hex');
  return slug ? `${slug}-${suffix}` : `agent-${suffix}`;
}
