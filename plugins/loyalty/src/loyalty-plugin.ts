import { definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { tapCustomerHooks } from './customers/customer-taps.js';
import { BroadcastEntity } from './entities/broadcast.js';
import { EntryEntity } from './entities/entry.js';
import { MemberLotsEntity } from './entities/lots.js';
import { MemberEntity } from './entities/member.js';
import { ProgrammeEntity } from './entities/programme.js';
import { RedemptionEntity } from './entities/redemption.js';
import { RewardEntity } from './entities/reward.js';
import { TierChangeEntity } from './entities/tier-change.js';
import { WinBackAttemptEntity } from './entities/win-back-attempt.js';
import { runBirthdayJob, runExpiryJob, runExpiryNoticeJob, runTierReviewJob } from './jobs.js';
import { behaviourMetrics } from './metrics/behaviour-metrics.js';
import { loyaltyMetrics } from './metrics/loyalty-metrics.js';
import { type LoyaltyInput, type LoyaltyOptions, OPTIONS_SCHEMA } from './options.js';
import { subscribeOrderEarning } from './orders/order-earning.js';
import { LOYALTY_PLUGIN_ID } from './plugin-id.js';
import { tapRewardRules } from './rewards/reward-rules.js';
import { loyaltyRoutes } from './routes/loyalty-routes.js';
import { LOYALTY_ROUTES_OPENAPI } from './routes/openapi.js';
import { createLoyaltyService, LOYALTY } from './service.js';
import { subscribeSmsEnrolment } from './sms/sms-enrolment.js';
import { declareViews } from './views.js';
import { tapWinBackRules } from './win-back/win-back-rules.js';

/**
 * Loyalty programmes on top of the customers plugin: members numbered by their E.164 mobile
 * number, an append-only points ledger (earn, redeem, expire, adjust, reverse) with idempotency
 * keys, soonest-expiring-first redemption that never overdraws under concurrency, and a nightly
 * expiry job.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store, plugins: [customers(), loyalty({ defaultRegion: 'DE' })] });
 * const loyaltyApi = kernel.services.resolve(LOYALTY);
 * const { member } = await loyaltyApi.enrol(actor, { programmeId, mobile: '0151 2345678' });
 * await loyaltyApi.earn(actor, member.id, { points: 120, idempotencyKey: 'order-42' });
 * ```
 */
export const loyalty = definePlugin<LoyaltyOptions, LoyaltyInput>({
  id: LOYALTY_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Loyalty programmes: mobile-number membership, an exact append-only points ledger, FIFO expiry.',
  dependsOn: ['customers'],
  optionalDependsOn: ['sales', 'messaging'],
  options: OPTIONS_SCHEMA,
  register(ctx) {
    ctx.entities.define(
      ProgrammeEntity,
      MemberEntity,
      EntryEntity,
      RewardEntity,
      RedemptionEntity,
      TierChangeEntity,
      WinBackAttemptEntity,
      BroadcastEntity,
      MemberLotsEntity,
    );
    declareAccess(ctx);
    tapRewardRules(ctx);
    tapWinBackRules(ctx);
    tapCustomerHooks(ctx);
    subscribeOrderEarning(ctx);
    subscribeSmsEnrolment(ctx);
    ctx.services.provide(LOYALTY, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) =>
        createLoyaltyService(kernel, ctx.options, { messaging: ctx.plugins.has('messaging') }),
    });
    for (const metric of [...loyaltyMetrics(), ...behaviourMetrics()]) ctx.metrics.define(metric);
    ctx.jobs.cron(`${LOYALTY_PLUGIN_ID}.expiry`, ctx.options.expiryCron, runExpiryJob);
    ctx.jobs.cron(`${LOYALTY_PLUGIN_ID}.tierReview`, ctx.options.tierReviewCron, runTierReviewJob);
    ctx.jobs.cron(`${LOYALTY_PLUGIN_ID}.birthdays`, ctx.options.birthdayCron, runBirthdayJob);
    if (ctx.plugins.has('messaging')) {
      ctx.jobs.cron(`${LOYALTY_PLUGIN_ID}.expiryNotices`, ctx.options.expiryNoticeCron, runExpiryNoticeJob);
    }
    ctx.routes.mount(loyaltyRoutes(), { openapi: LOYALTY_ROUTES_OPENAPI });
    declareViews(ctx);
  },
});

/** The type of {@link loyalty}: `loyalty(options?)` gives the installable plugin. */
export type LoyaltyPluginFactory = typeof loyalty;
