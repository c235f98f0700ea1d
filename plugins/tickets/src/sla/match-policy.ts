import type { SlaMatch, SlaPolicy } from '../entities/sla-policy.js';

/** What a policy is matched against: the ticket and what is known of its customer. */
export interface MatchSubject {
  priority: string;
  type: string;
  abcClass?: string;
  tags?: readonly string[];
  loyaltyTier?: string;
}

function matches(match: SlaMatch | undefined, subject: MatchSubject): boolean {
  if (!match) return true;
  if (match.priorities?.length && !match.priorities.includes(subject.priority as never)) return false;
  if (match.types?.length && !match.types.includes(subject.type as never)) return false;
  if (match.abcClasses?.length && !(subject.abcClass && match.abcClasses.includes(subject.abcClass)))
    return false;
  if (match.segments?.length && !match.segments.some((s) => subject.tags?.includes(s))) return false;
  if (
    match.loyaltyTiers?.length &&
    !(subject.loyaltyTier && match.loyaltyTiers.includes(subject.loyaltyTier))
  ) {
    return false;
  }
  return true;
}

/**
 * The policy that applies: active policies in ascending `order` (ties by `key`), the first whose
 * every condition holds. Unlike Zammad (ordered by name), the order is an explicit number.
 */
export function matchPolicy<P extends SlaPolicy>(
  policies: readonly P[],
  subject: MatchSubject,
): P | undefined {
  return [...policies]
    .filter((p) => p.active !== false)
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key))
    .find((p) => matches(p.match, subject));
}
