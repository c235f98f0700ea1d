import { dateTime, enumOf, ref, text } from '../entities/schema-blocks.js';
import { withSystemFields } from '../entities/system-fields.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';

/** Name of the kernel collection that holds issued link tokens (their HMACs, never the tokens). */
export const LINKS_COLLECTION = '_links';

/** Whether a link works once or until it expires. */
export type LinkUse = 'single' | 'reusable';

/** One issued link token; its id is the lookup part of the token. */
export interface LinkRow extends StoredRecord {
  purpose: string;
  recordId: string;
  /** The server-secret key whose derived key made `hash`. */
  kid: string;
  /** base64url HMAC-SHA256 of the token's secret part and the binding (purpose, record, use, expiry). */
  hash: string;
  use: LinkUse;
  expiresAt: string;
  usedAt?: string;
  revokedAt?: string;
}

/** The links collection's spec, opened with the entities'. */
export const LINKS_SPEC: CollectionSpec = {
  name: LINKS_COLLECTION,
  schema: withSystemFields({
    type: 'object',
    properties: {
      purpose: text(120),
      recordId: ref,
      kid: text(32),
      hash: { ...text(64), writeOnly: true },
      use: enumOf(['single', 'reusable']),
      expiresAt: dateTime,
      usedAt: dateTime,
      revokedAt: dateTime,
    },
  }),
  indexes: [{ fields: ['purpose', 'recordId'] }, { fields: ['expiresAt'] }],
};
