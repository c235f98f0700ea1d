import { type JobContext, KERNEL } from '@rapport/core';
import { sendExpiryNotices } from './messages/expiry-notices.js';
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

/** The nightly `loyalty.birthdays` job: the birthday bonus to the members whose birthday is today. */
export async function runBirthdayJob(job: JobContext): Promise<void> {
  const members = await job.resolve(LOYALTY).birthdayBonuses();
  if (members > 0) job.logger.info({ members }, 'loyalty birthday bonuses credited');
}

/** The daily `loyalty.expiryNotices` job (messaging installed): members told ahead of expiry. */
export async function runExpiryNoticeJob(job: JobContext): Promise<void> {
  const told = await sendExpiryNotices(job.resolve(KERNEL));
  if (told > 0) job.logger.info({ told }, 'loyalty expiry notices sent');
}
