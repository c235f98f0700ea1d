import { type Actor, type JsonValue, type Kernel, setOwn } from '@rapport/core';
import type { Customer, CustomerRecord } from '@rapport/plugin-customers';
import type { MessageTemplate, MessageTemplateRecord } from '../entities/message-template.js';
import { mergeView } from './merge-fields.js';
import { type RenderedContent, renderTemplate } from './render-template.js';

/** A sample customer for previews without one. */
const SAMPLE_CUSTOMER = {
  id: 'sample',
  kind: 'person',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+441234567890',
  objective: { city: 'London', country: 'GB', language: 'en' },
} as unknown as CustomerRecord;

/** Sample data: each declared field shows as `[field]`. */
function sampleData(fields: readonly string[]): Record<string, JsonValue> {
  const data: Record<string, JsonValue> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let node = data as Record<string, JsonValue>;
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1) {
        if (!(part in node)) setOwn(node, part, `[${field}]`);
      } else {
        const next = node[part];
        if (typeof next !== 'object' || next === null || Array.isArray(next)) setOwn(node, part, {});
        node = node[part] as Record<string, JsonValue>;
      }
    }
  }
  return data;
}

/**
 * A template rendered for a person to check: with a real customer (read as `actor`) and data
 * when given, else with a sample customer and `[field]` for each declared data field.
 */
export async function previewTemplate(
  kernel: Kernel,
  actor: Actor,
  id: string,
  input: { customerId?: string; data?: Record<string, JsonValue> } = {},
): Promise<RenderedContent & { key: string; channel: string; locale: string }> {
  const template = (await kernel
    .data<MessageTemplate>('messageTemplate', { actor })
    .get(id)) as MessageTemplateRecord;
  const customer = input.customerId
    ? ((await kernel.data<Customer>('customer', { actor }).get(input.customerId)) as CustomerRecord)
    : SAMPLE_CUSTOMER;
  const data = input.data ?? sampleData(template.fields ?? []);
  return {
    key: template.key,
    channel: template.channel,
    locale: template.locale,
    ...renderTemplate(template, mergeView(customer, data)),
  };
}
