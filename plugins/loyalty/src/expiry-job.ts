import type { JobContext } from '@rapport/core';
import { LOYALTY } from './service.js';

/** The nightly `loyalty.expiry` job: writes expire entries for the points due. */
export async function runExpiryJob(job: JobContext): Promise<void> {
  const members = await job.resolve(LOYALTY).expireDue();
  if (members > 0) job.logger.info({ members }, 'loyalty points expired');
}

/** The `loyalty.tierReview` job: the periodic review, where tiers may go down. */
export async function runTierReviewJob(job: JobContext): Promise<void> {
  const moved = await job.resolve(LOYALTY).reviewTiers();
  if (moved > 0) job.logger.info({ moved }, 'loyalty tiers reviewed');
}
