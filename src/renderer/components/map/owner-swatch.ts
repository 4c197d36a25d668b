/** How a file's owners are drawn as one small swatch: one colour, or equal stripes for several writers. */
import { BASELINE, CLAIM_ONLY, UNATTRIBUTED, ownerBackground, type AgentColors, type OwnerKey } from './agent-colors';

const GREY_STRIPE: Record<string, string> = { [UNATTRIBUTED]: '#6b7380', [BASELINE]: '#4a515c', [CLAIM_ONLY]: 'transparent' };

export function swatchBackground(owners: readonly OwnerKey[], colors: AgentColors): string {
  if (owners.length === 1) return ownerBackground(owners[0]!, colors);
  const step = 100 / owners.length;
  const stops = owners.map((owner, i) => {
    const color = GREY_STRIPE[owner] ?? colors.colorOf(owner);
    return `${color} ${(i * step).toFixed(2)}% ${((i + 1) * step).toFixed(2)}%`;
  });
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}

/** "alpha", "alpha and beta", "alpha, beta and you". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
