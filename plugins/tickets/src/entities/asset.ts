import { date, defineEntity, type EntityRecord, ref, text } from '@rapport/core';

/** A unit sold to a customer; its tickets, parts and visits are its equipment file. */
export interface Asset {
  customerId: string;
  serialNumber: string;
  model: string;
  soldOn?: string;
  warrantyUntil?: string;
  location?: string;
  notes?: string;
}

/** A stored asset. */
export type AssetRecord = EntityRecord<Asset>;

/** The `asset` entity. */
export const AssetEntity = defineEntity<Asset>({
  name: 'asset',
  plural: 'assets',
  description:
    'A unit sold to a customer (serial number, model, sold and warranty dates, location): the equipment file.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      serialNumber: text(100),
      model: text(),
      soldOn: date,
      warrantyUntil: date,
      location: text(),
      notes: text(5_000, { minLength: 0 }),
    },
    required: ['customerId', 'serialNumber', 'model'],
  },
  indexes: [{ fields: ['serialNumber'], unique: true }, 'customerId'],
  search: ['serialNumber', 'model', 'location'],
});
