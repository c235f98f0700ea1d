export { type CampaignsPluginFactory, campaigns } from './campaigns-plugin.js';
export {
  type Audience,
  type Campaign,
  type CampaignChannelTemplate,
  type CampaignCounts,
  CampaignEntity,
  type CampaignRecord,
  COMPUTED_CAMPAIGN_FIELDS,
  FROZEN_CAMPAIGN_FIELDS,
} from './entities/campaign.js';
export {
  type CampaignMember,
  CampaignMemberEntity,
  type CampaignMemberRecord,
  type MemberReason,
} from './entities/campaign-member.js';
export { type CareRule, CareRuleEntity, type CareRuleRecord } from './entities/care-rule.js';
export { type CareSend, CareSendEntity, type CareSendRecord } from './entities/care-send.js';
export { type Conversion, ConversionEntity, type ConversionRecord } from './entities/conversion.js';
export { type Interest, InterestEntity, type InterestRecord } from './entities/interest.js';
export { type Topic, TopicEntity, type TopicRecord } from './entities/topic.js';
export { drawValue, inControl, newSeed } from './launch/control-draw.js';
export { CountMismatchError, type RunReport } from './launch/dispatch.js';
export { CLICK_PURPOSE, campaignMessageKey } from './launch/send-member.js';
export type { CampaignsInput, CampaignsOptions } from './options.js';
export { CAMPAIGNS_PLUGIN_ID } from './plugin-id.js';
export { CAMPAIGNS, type CampaignsService } from './service.js';
export * from './vocabulary.js';
