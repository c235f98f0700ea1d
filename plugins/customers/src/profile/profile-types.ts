import type { Actor, Repository } from '@rapport/core';
import type { CustomerRecord } from '../entities/customer.js';

/** The seven parts of a 7P customer analysis (seed 004). */
export const PROFILE_PARTS = [
  'profiling',
  'persistency',
  'profitability',
  'performance',
  'prospecting',
  'product',
  'promotion',
] as const;
/** @see PROFILE_PARTS */
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** One plugin's contribution to a profile part. */
export interface ProfileContribution {
  /** The contributing plugin. */
  source: string;
  /** One sentence a person can read. */
  summary?: string;
  data: Record<string, unknown>;
}

/** A part of the profile: filled by at least one plugin, or absent with the reason. */
export type ProfilePartResult =
  | { status: 'available'; contributions: ProfileContribution[] }
  | { status: 'absent'; reason: string };

/** The 7P profile of a customer. */
export interface CustomerProfile {
  customerId: string;
  generatedAt: string;
  parts: Record<ProfilePart, ProfilePartResult>;
}

/** What a profile tap receives. */
export interface ProfileRequest {
  customerId: string;
  customer: CustomerRecord;
  actor: Actor;
  /** A repository acting as the caller (record rules apply). */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  canRead(entity: string): boolean;
  /** Kernel clock, ms. */
  now(): number;
  /** Adds a contribution to one part. */
  contribute(part: ProfilePart, contribution: ProfileContribution): void;
}
