import { ConflictError, fieldError, isSystemActor, type RegisterContext, sameJson } from '@rapport/core';
import { type Campaign, FROZEN_CAMPAIGN_FIELDS } from '../entities/campaign.js';
import type { CampaignsOptions } from '../options.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import { CAMPAIGN_MOVES } from '../vocabulary.js';

/**
 * The campaign's rules: an audience needs a segment, a query or topics; a channel appears once;
 * once launched, what decides who gets what (audience, channels, data, control share, seed,
 * link, topics) is frozen (409); the status moves only along {@link CAMPAIGN_MOVES} (409); a
 * launched campaign is cancelled, not deleted (409). Emits `campaigns.campaign.<status>` when
 * the status changes.
 */
export function tapCampaignRules(ctx: RegisterContext<CampaignsOptions>): void {
  const hooks = ctx.hooks.entity<Campaign>('campaign');
  hooks.validate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (write) => {
    const { record, previous } = write;
    if (write.operation === 'delete') {
      if (previous && previous.status !== 'draft' && previous.status !== 'scheduled') {
        throw ConflictError.state(`a ${previous.status} campaign is not deleted: cancel it instead`, {
          entity: 'campaign',
          id: previous.id,
          status: previous.status,
        });
      }
      return;
    }
    const { audience } = record;
    if (!audience.segmentId && !audience.where && !(audience.topics && audience.topics.length > 0)) {
      throw fieldError('campaign', 'audience', 'campaigns.audience', 'needs a segmentId, a where or topics');
    }
    const channels = record.channels.map((c) => c.channel);
    if (new Set(channels).size !== channels.length) {
      throw fieldError('campaign', 'channels', 'campaigns.channelTwice', 'names a channel more than once');
    }
    if (!previous) return;
    if (previous.status !== record.status) {
      const allowed = CAMPAIGN_MOVES[previous.status ?? 'draft'];
      if (!isSystemActor(write.actor) || !allowed.includes(record.status ?? 'draft')) {
        throw ConflictError.state(
          `a ${previous.status} campaign cannot become ${record.status} (allowed: ${allowed.join(', ') || 'none'})`,
          { entity: 'campaign', id: previous.id, status: previous.status, wanted: record.status },
        );
      }
    }
    if (previous.status !== 'draft' && previous.status !== 'scheduled') {
      for (const field of FROZEN_CAMPAIGN_FIELDS) {
        if (!sameJson(previous[field], record[field])) {
          throw ConflictError.state(
            `${field} is frozen once a campaign launched (it is ${previous.status})`,
            {
              entity: 'campaign',
              id: previous.id,
              field,
              status: previous.status,
            },
          );
        }
      }
    }
  });
  hooks.afterUpdate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (record, write) => {
    if (write.previous && write.previous.status !== record.status) {
      write.emit(`${CAMPAIGNS_PLUGIN_ID}.campaign.${record.status}`, {
        id: record.id,
        type: record.type,
        from: write.previous.status ?? 'draft',
      });
    }
  });
}
