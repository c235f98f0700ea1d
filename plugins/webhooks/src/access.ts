import { type Actor, ForbiddenError, fieldError, isSystemActor, type RegisterContext } from '@rapport/core';
import { TargetPolicy } from './delivery/target-policy.js';
import type { WebhookSubscription } from './entities/webhook-subscription.js';
import type { WebhooksOptions } from './options.js';
import { WEBHOOKS_PLUGIN_ID } from './plugin-id.js';

/** The role that manages its own webhooks (the built-in `manager` and `agent` may too; `admin` sees all). */
export const WEBHOOK_ROLE = 'integrator';

const seesAll = (actor: Actor) => actor.roles.includes('admin');

/**
 * Who sees and writes what:
 * - a subscription and its deliveries are its owner's: anyone but an admin sees only their own
 *   (a record rule, so lists and gets agree), and only the system and the owner change them;
 * - the owner (`ownerId`, kind, key and roles) is who created it, stamped by the plugin;
 * - deliveries are written by the plugin only;
 * - a URL whose host is a private, loopback or link-local address is refused with a field
 *   error (host names are resolved and checked again at each delivery).
 */
export function declareAccess(ctx: RegisterContext<WebhooksOptions>): void {
  const policy = new TargetPolicy(ctx.options.allowPrivateTargets);
  ctx.access.grant(WEBHOOK_ROLE, ['webhookSubscription:*', 'webhookDelivery:read']);
  for (const entity of ['webhookSubscription', 'webhookDelivery']) {
    ctx.access.rule({
      id: `${WEBHOOKS_PLUGIN_ID}.ownWebhooks.${entity}`,
      entity,
      where: (actor) => (seesAll(actor) ? undefined : { ownerId: actor.id }),
    });
  }
  ctx.hooks.entity('webhookDelivery').validate.tapPromise(WEBHOOKS_PLUGIN_ID, async (write) => {
    if (!isSystemActor(write.actor)) {
      throw new ForbiddenError('webhook deliveries are written by the webhooks plugin only', {
        details: { entity: 'webhookDelivery', operation: write.operation },
      });
    }
  });
  const subscriptions = ctx.hooks.entity<WebhookSubscription>('webhookSubscription');
  subscriptions.validate.tapPromise(WEBHOOKS_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete') return;
    const refusal = policy.urlRefusal(write.record.url);
    if (refusal) {
      throw fieldError(
        'webhookSubscription',
        'url',
        `${WEBHOOKS_PLUGIN_ID}.publicTarget`,
        `points at a ${refusal} address; webhooks go to public addresses only (an administrator may allow a range with the plugin's allowPrivateTargets option)`,
      );
    }
  });
  subscriptions.beforeCreate.tapPromise(WEBHOOKS_PLUGIN_ID, async (record, write) => {
    const actor = write.actor;
    const keyId = typeof actor.attributes?.keyId === 'string' ? actor.attributes.keyId : undefined;
    return {
      ...record,
      ownerId: actor.id,
      ownerKind: actor.kind,
      ...(keyId ? { ownerKeyId: keyId } : {}),
      ownerRoles: actor.roles.slice(0, 20),
      failureCount: 0,
      secretGeneration: 1,
    };
  });
}
