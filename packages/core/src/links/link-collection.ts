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
      purpose: { type: 'string' },
      recordId: { type: 'string' },
      kid: { type: 'string' },
      hash: { type: 'string', writeOnly: true },
      use: { type: 'string', enum: ['single', 'reusable'] },
      expiresAt: { type: 'string' },
      usedAt: { type: 'string' },
      revokedAt: { type: 'string' },
    },
  }),
  indexes: [{ fields: ['purpose', 'recordId'] }, { fields: ['expiresAt'] }],
};
