import { count, dateTime, defineEntity, type EntityRecord, enumOf, money, ref } from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';
import {
  CAMPAIGN_CHANNELS,
  type CampaignChannel,
  MEMBER_STATUSES,
  type MemberStatus,
} from '../vocabulary.js';
import { REASON_SCHEMA } from './campaign.js';

/** Why a member was not sent to: messaging's refusal, as it gave it. */
export interface MemberReason {
  code: string;
  message: string;
}

/** A customer in a campaign's frozen audience: in the control group or sent to, and how far it went. */
export interface CampaignMember {
  campaignId: string;
  customerId: string;
  /** Held back: never sent to, compared against. */
  control: boolean;
  status: MemberStatus;
  reason?: MemberReason;
  channel?: CampaignChannel;
  /** The message messaging queued for this member. */
  messageId?: string;
  /** When the campaign touched the member: queued their message, or (control group) launched. */
  touchAt?: string;
  queuedAt?: string;
  sentAt?: string;
  deliveredAt?: string;
  clickedAt?: string;
  clicks?: number;
  respondedAt?: string;
  /** When the customer first converted within the campaign's attribution window (control members too). */
  convertedAt?: string;
  /** What the customer spent within the window after the touch (control members too): the lift's revenue. */
  revenue?: Money;
  optedOutAt?: string;
}

/** A stored member. */
export type CampaignMemberRecord = EntityRecord<CampaignMember>;

/** The `campaignMember` entity: written by the plugin only. */
export const CampaignMemberEntity = defineEntity<CampaignMember>({
  name: 'campaignMember',
  plural: 'campaignMembers',
  description:
    'A customer in a campaign’s frozen audience: control group or not; targeted → queued → sent → delivered → clicked → responded → converted, or excluded with messaging’s reason.',
  schema: {
    type: 'object',
    properties: {
      campaignId: ref,
      customerId: ref,
      control: { type: 'boolean' },
      status: enumOf(MEMBER_STATUSES),
      reason: REASON_SCHEMA,
      channel: enumOf(CAMPAIGN_CHANNELS),
      messageId: ref,
      touchAt: dateTime,
      queuedAt: dateTime,
      sentAt: dateTime,
      deliveredAt: dateTime,
      clickedAt: dateTime,
      clicks: count,
      respondedAt: dateTime,
      convertedAt: dateTime,
      revenue: money(),
      optedOutAt: dateTime,
    },
    required: ['campaignId', 'customerId', 'control', 'status'],
  },
  indexes: [
    { fields: ['campaignId', 'customerId'], unique: true },
    ['campaignId', 'status', 'control'],
    ['customerId', 'touchAt'],
    'messageId',
  ],
});
