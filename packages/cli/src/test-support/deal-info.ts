import { type JsonSchemaObject, withSystemFields } from '@rapport/core';
import type { EntityInfo } from '../entities/entity-info.js';
import { DealEntity } from './crm-plugin.js';

const inputSchema: JsonSchemaObject = { ...DealEntity.schema, additionalProperties: false };

/** The deal entity as import and export see it, without booting a kernel. */
export const DEAL_INFO: EntityInfo = {
  name: 'deal',
  plural: 'deals',
  path: 'deals',
  inputSchema,
  schema: withSystemFields(inputSchema),
};
