import {
  type Actor,
  type Kernel,
  missing,
  SYSTEM_ACTOR,
  USER_ENTITY,
  type User,
  userActor,
} from '@rapport/core';
import { apiKeyActor } from '@rapport/server';
import type { WebhookSubscriptionRecord } from '../entities/webhook-subscription.js';

/** The owner as they act now, or why they cannot. */
export type OwnerStanding = { actor: Actor } | { refused: string };

/**
 * The subscription's owner as they act now, so a change of roles, a revoked key or a deactivated
 * user takes effect on the next event: a key's owner through the key (its current roles, its
 * user's standing), a user through their account, and an owner the deployment has no accounts
 * for (made in code) with the roles they had when they made it.
 */
export async function ownerStanding(
  kernel: Kernel,
  subscription: WebhookSubscriptionRecord,
): Promise<OwnerStanding> {
  const { ownerId, ownerKind, ownerKeyId, ownerRoles = [] } = subscription;
  if (!ownerId) return { refused: 'the subscription has no owner' };
  if (ownerKind === 'apiKey' || ownerKeyId) {
    if (kernel.entities.has('apiKey') && ownerKeyId) {
      const actor = await apiKeyActor(kernel, ownerKeyId);
      return actor ? { actor } : { refused: `the API key that owns it (${ownerKeyId}) is revoked or gone` };
    }
  } else if (ownerKind === 'user' && kernel.entities.has(USER_ENTITY)) {
    const users = kernel.data<User>(USER_ENTITY, { actor: SYSTEM_ACTOR });
    const user = await users.get(ownerId).catch(missing);
    if (user) {
      return user.active === false
        ? { refused: `its owner '${ownerId}' is a deactivated user` }
        : { actor: userActor(user) };
    }
  }
  return { actor: { id: ownerId, kind: ownerKind ?? 'user', roles: ownerRoles } };
}
