import { type Actor, createToken, type Where } from '@rapport/core';
import { type CareReport, runCare } from './care/run-care.js';
import type { Audience, Campaign, CampaignRecord } from './entities/campaign.js';
import type { Interest, InterestRecord } from './entities/interest.js';
import type { Topic } from './entities/topic.js';
import { type RunReport, runCampaign } from './launch/dispatch.js';
import { dispatchDue } from './launch/dispatch-due.js';
import { cancelCampaign, launchCampaign, scheduleCampaign, unscheduleCampaign } from './launch/lifecycle.js';
import { type AudiencePreview, previewAudience } from './launch/preview.js';
import { CAMPAIGNS_PLUGIN_ID } from './plugin-id.js';
import { type CampaignResults, campaignResults, type Reader } from './results/campaign-results.js';
import type { CampaignsRuntime } from './runtime.js';
import { type Announcement, announce, follow } from './topics/interests.js';
import type { CampaignChannel, InterestVia } from './vocabulary.js';

/** The campaigns plugin's operations, for routes, jobs, other plugins and tests. */
export interface CampaignsService {
  /** Schedules a draft campaign for its `startAt` (needs `campaign:launch`). */
  schedule(actor: Actor, id: string): Promise<CampaignRecord>;
  /** Takes a scheduled campaign back to draft. */
  unschedule(actor: Actor, id: string): Promise<CampaignRecord>;
  /** Launches a campaign now: records the cutoff and the seed; the dispatch job freezes and sends. */
  launch(actor: Actor, id: string): Promise<CampaignRecord>;
  /** Cancels a campaign that has not completed. */
  cancel(actor: Actor, id: string): Promise<CampaignRecord>;
  /** Advances one running campaign by up to `maxBatches` batches (what the dispatch job does). */
  run(id: string, maxBatches?: number): Promise<RunReport>;
  /** The dispatch job's work: launches due scheduled campaigns, advances running ones. */
  dispatch(): Promise<RunReport[]>;
  /** A campaign's results as `actor` reads them: rates, revenue, cost per conversion, lift and ROI. */
  results(actor: Actor, id: string): Promise<CampaignResults>;
  /** The results of several campaigns side by side (launched ones matching `where`, newest first, at most 50). */
  compare(actor: Actor, where?: Where): Promise<CampaignResults[]>;
  /** How many customers an audience holds now, and how many have marketing consent on `channel`. */
  preview(actor: Actor, audience: Audience, channel: CampaignChannel): Promise<AudiencePreview>;
  /** Records that a customer follows a topic (declared: console, API), as `actor`; idempotent. */
  follow(actor: Actor, customerId: string, topic: string, via?: InterestVia): Promise<InterestRecord>;
  /** The care job's work: the care messages due now, at each customer's local hour. */
  care(): Promise<CareReport>;
  /** A draft announcement campaign to the followers of a product's topics, as `actor`. */
  announce(actor: Actor, announcement: Announcement): Promise<CampaignRecord>;
}

/** The token of the {@link CampaignsService}. */
export const CAMPAIGNS = createToken<CampaignsService>(`${CAMPAIGNS_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance. */
export function createCampaignsService(runtime: CampaignsRuntime): CampaignsService {
  const reader =
    (actor: Actor): Reader =>
    <T>(entity: string) =>
      runtime.kernel.data<T>(entity, { actor });
  return {
    schedule: (actor, id) => scheduleCampaign(runtime, actor, id),
    unschedule: (actor, id) => unscheduleCampaign(runtime, actor, id),
    launch: (actor, id) => launchCampaign(runtime, actor, id),
    cancel: (actor, id) => cancelCampaign(runtime, actor, id),
    run: (id, maxBatches) => runCampaign(runtime, id, maxBatches),
    dispatch: () => dispatchDue(runtime),
    preview: (actor, audience, channel) => previewAudience(runtime, actor, audience, channel),
    async follow(actor, customerId, topic, via = 'api') {
      await runtime.kernel.data('customer', { actor }).get(customerId);
      return follow(
        runtime.kernel.data<Interest>('campaignInterest', { actor }),
        runtime.kernel.data<Topic>('campaignTopic', { actor }),
        { customerId, topic, source: 'declared', via },
        runtime.kernel.clock.now(),
      );
    },
    care: () => runCare(runtime),
    announce: (actor, announcement) => announce(runtime.kernel, actor, announcement),
    results: (actor, id) => campaignResults(reader(actor), id),
    async compare(actor, where) {
      const { items } = await runtime.kernel.data<Campaign>('campaign', { actor }).find({
        where: where ? { and: [where, { launchedAt: { exists: true } }] } : { launchedAt: { exists: true } },
        sort: ['-launchedAt'],
        limit: 50,
      });
      return Promise.all(items.map((campaign) => campaignResults(reader(actor), campaign.id)));
    },
  };
}
