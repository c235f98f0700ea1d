import type { JobContext } from '@rapport/core';
import { LOYALTY } from './service.js';

/** The nightly `loyalty.birthdays` job: the birthday bonus to the members whose birthday is today. */
export async function runBirthdayJob(job: JobContext): Promise<void> {
  const members = await job.resolve(LOYALTY).birthdayBonuses();
  if (members > 0) job.logger.info({ members }, 'loyalty birthday bonuses credited');
}
