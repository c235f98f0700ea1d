import { ForbiddenError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { CampaignsOptions } from './options.js';
import { CAMPAIGNS_PLUGIN_ID } from './plugin-id.js';

/** The entities only the plugin writes: people and programs read them. */
export const PLUGIN_WRITTEN = ['campaignMember', 'campaignConversion', 'careSend'] as const;

/**
 * Roles and write rules:
 * - `marketer`: everything in campaigns (campaigns, topics, interests, care rules), launches and
 *   cancels them (`campaign:launch`), reads customers, segments and consents for the audience
 *   preview;
 * - `marketingViewer`: reads campaigns, members, conversions, topics, interests and care rules;
 * - members, conversions and care sends are written by the plugin only (a 403 for anyone else).
 */
export function declareAccess(ctx: RegisterContext<CampaignsOptions>): void {
  const read = [
    'campaign:read',
    'campaignMember:read',
    'campaignConversion:read',
    'campaignTopic:read',
    'campaignInterest:read',
    'careRule:read',
    'careSend:read',
  ];
  ctx.access.grant('marketingViewer', read);
  ctx.access.grant('marketer', [
    ...read,
    'campaign:*',
    'campaignTopic:*',
    'campaignInterest:*',
    'careRule:*',
    'customer:read',
    'segment:read',
    'consent:read',
  ]);
  for (const entity of PLUGIN_WRITTEN) {
    ctx.hooks.entity(entity).validate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (write) => {
      if (!isSystemActor(write.actor)) {
        throw new ForbiddenError(`${entity} records are written by the campaigns plugin only`, {
          details: { entity, operation: write.operation, actor: write.actor.id },
        });
      }
    });
  }
}
