export { type Allocation, type Entry, EntryEntity, type EntryRecord } from './entities/entry.js';
export { type Lot, type Member, MemberEntity, type MemberRecord } from './entities/member.js';
export {
  type ExpiryPolicy,
  type Programme,
  ProgrammeEntity,
  type ProgrammeRecord,
  type Tier,
} from './entities/programme.js';
export {
  REDEMPTION_STATUSES,
  type Redemption,
  RedemptionEntity,
  type RedemptionRecord,
  type RedemptionStatus,
} from './entities/redemption.js';
export { type Reward, RewardEntity, type RewardRecord } from './entities/reward.js';
export { type TierChange, TierChangeEntity, type TierChangeRecord } from './entities/tier-change.js';
export type { EnrolInput, Enrolment } from './ledger/enrol.js';
export { expiryOf } from './ledger/expiry.js';
export type { PointsInput } from './ledger/ledger-ops.js';
export { addLot, consume, dueLots, lotTotal } from './ledger/lots.js';
export type { Planned, Posted } from './ledger/post-entry.js';
export { type LoyaltyPluginFactory, loyalty } from './loyalty-plugin.js';
export type { LoyaltyInput, LoyaltyOptions } from './options.js';
export { LOYALTY_PLUGIN_ID } from './plugin-id.js';
export { type Balance, LOYALTY, type LoyaltyService } from './service.js';
export { tierFor } from './tiers/tiers.js';
export * from './vocabulary.js';
