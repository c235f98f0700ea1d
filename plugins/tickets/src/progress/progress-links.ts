import { type Actor, ForbiddenError, type IssuedLink, type Kernel, LINKS, SYSTEM_ACTOR } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';

/** The link purpose of progress links: reusable (the customer comes back), expiring. */
export const PROGRESS_PURPOSE = `${TICKETS_PLUGIN_ID}.progress`;

/** Where the progress page is mounted, below `/p/tickets`. */
export const PROGRESS_PATH = 'progress';

/** A progress link as issued: the token once, where it opens, and when it expires. */
export interface ProgressLink {
  token: string;
  /** `/p/tickets/progress/<token>`. */
  path: string;
  /** `<publicUrl>/p/tickets/progress/<token>` when the plugin knows its `publicUrl`. */
  url?: string;
  expiresAt: string;
}

/** The path of a progress token. */
export function progressPath(token: string): string {
  return `/p/${TICKETS_PLUGIN_ID}/${PROGRESS_PATH}/${token}`;
}

/**
 * Issues a progress link of a ticket. With an `actor`, the actor needs `ticket:update` and must
 * see the ticket (record rules apply: an agent issues links of their teams' tickets only);
 * without, the plugin issues it (on notifications).
 *
 * @throws ForbiddenError without `ticket:update`; NotFoundError for a ticket the actor cannot see.
 */
export async function issueProgressLink(
  kernel: Kernel,
  ticketId: string,
  options: { actor?: Actor; publicUrl?: string | undefined },
): Promise<ProgressLink> {
  if (options.actor && !kernel.access.can(options.actor, 'ticket', 'update')) {
    throw new ForbiddenError('issuing a progress link needs ticket:update', {
      details: { permission: 'ticket:update' },
    });
  }
  await kernel.data<Ticket>('ticket', { actor: options.actor ?? SYSTEM_ACTOR }).get(ticketId);
  const issued: IssuedLink = await kernel
    .resolve(LINKS)
    .issue({ purpose: PROGRESS_PURPOSE, recordId: ticketId });
  const path = progressPath(issued.token);
  return {
    token: issued.token,
    path,
    ...(options.publicUrl ? { url: `${options.publicUrl.replace(/\/+$/, '')}${path}` } : {}),
    expiresAt: issued.expiresAt,
  };
}
