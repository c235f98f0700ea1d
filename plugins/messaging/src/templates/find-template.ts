import { fieldError, type Repository } from '@rapport/core';
import { negotiateLocale } from '@rapport/server';
import type { MessageTemplate, MessageTemplateRecord } from '../entities/message-template.js';
import type { Channel } from '../vocabulary.js';

/**
 * The template of `key` for `channel` in the locale closest to `wanted` (CLDR matching: `zh-CN`
 * finds `zh-Hans`), else English, else the first there is. Throws a `ValidationError` naming
 * `template.key` when the key has no template for the channel.
 */
export async function findTemplate(
  templates: Repository<MessageTemplate>,
  key: string,
  channel: Channel,
  wanted: string | undefined,
): Promise<MessageTemplateRecord> {
  const { items } = await templates.find({ where: { key, channel }, sort: ['locale'], limit: 50 });
  if (items.length === 0) {
    throw fieldError(
      'message',
      'template.key',
      'messaging.template.unknown',
      `names no template '${key}' for ${channel}`,
    );
  }
  const locales = items.map((template) => template.locale);
  const fallback = locales.includes('en') ? 'en' : (locales[0] as string);
  const locale = negotiateLocale(locales, fallback, wanted, undefined);
  return (items.find((template) => template.locale === locale) ?? items[0]) as MessageTemplateRecord;
}
