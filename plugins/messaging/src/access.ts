import { ForbiddenError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { MessagingOptions } from './options.js';
import { MESSAGING_PLUGIN_ID } from './plugin-id.js';

/** Entities only the plugin writes: messages go through `MESSAGING.send`, the log through delivery. */
const PLUGIN_WRITTEN = ['message', 'deliveryEvent', 'channelSecret'] as const;

/**
 * Roles and write rules:
 * - `messagingAdmin`: channel accounts, templates, consents, suppressions; reads messages and
 *   their delivery log; sends (`message:send`);
 * - the built-in `manager` and `agent` may send (`message:send`); everyone with `*:read` reads;
 * - messages, delivery events and account secrets are written by the plugin only (403 otherwise:
 *   send through `POST /api/messaging/messages`);
 * - a consent is history: it is created, never changed or deleted, except by the plugin (a merge).
 */
export function declareAccess(ctx: RegisterContext<MessagingOptions>): void {
  ctx.access.grant('messagingAdmin', [
    'channelAccount:*',
    'messageTemplate:*',
    'consent:read',
    'consent:create',
    'suppression:*',
    'message:read',
    'message:send',
    'deliveryEvent:read',
    'customer:read',
    'metric:read',
  ]);
  ctx.access.grant('manager', ['message:send']);
  ctx.access.grant('agent', ['message:send']);
  for (const entity of PLUGIN_WRITTEN) {
    ctx.hooks.entity(entity).validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
      if (!isSystemActor(write.actor)) {
        throw new ForbiddenError(
          entity === 'message'
            ? 'messages are written by the messaging plugin only: send with POST /api/messaging/messages'
            : `${entity} records are written by the messaging plugin only`,
          { details: { entity, actor: write.actor.id } },
        );
      }
    });
  }
  ctx.hooks.entity('consent').validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
    if (write.operation !== 'create' && !isSystemActor(write.actor)) {
      throw new ForbiddenError('a consent is history and is never changed: record a new one instead', {
        details: { entity: 'consent', actor: write.actor.id, operation: write.operation },
      });
    }
  });
}
