import type { ChannelAccount } from '../entities/channel-account.js';
import type { MessageTemplate } from '../entities/message-template.js';

/** The demo's channel accounts: e-mail and SMS through the log adapter (nothing leaves the machine). */
export const DEMO_ACCOUNTS: ChannelAccount[] = [
  {
    name: 'Demo e-mail (log)',
    channel: 'email',
    adapter: 'log',
    from: 'hello@rapport.example',
    fromName: 'Rapport Demo',
    isDefault: true,
  },
  { name: 'Demo SMS (log)', channel: 'sms', adapter: 'log', from: '+4930555000', isDefault: true },
];

/** The demo's templates, in English and Simplified Chinese. */
export const DEMO_TEMPLATES: MessageTemplate[] = [
  {
    key: 'order-shipped',
    channel: 'email',
    locale: 'en',
    purpose: 'transactional',
    fields: ['orderNumber'],
    subject: 'Your order {{data.orderNumber}} is on its way',
    text: 'Hello {{customer.name}},\n\nyour order {{data.orderNumber}} has shipped.',
    html: '<p>Hello {{customer.name}},</p><p>your order <strong>{{data.orderNumber}}</strong> has shipped.</p>',
  },
  {
    key: 'order-shipped',
    channel: 'email',
    locale: 'zh-Hans',
    purpose: 'transactional',
    fields: ['orderNumber'],
    subject: '您的订单 {{data.orderNumber}} 已发货',
    text: '{{customer.name}}，您好：\n\n您的订单 {{data.orderNumber}} 已发货。',
    html: '<p>{{customer.name}}，您好：</p><p>您的订单 <strong>{{data.orderNumber}}</strong> 已发货。</p>',
  },
  {
    key: 'monthly-news',
    channel: 'email',
    locale: 'en',
    purpose: 'marketing',
    fields: ['highlight'],
    subject: 'News for {{customer.name}}',
    text: 'This month: {{data.highlight}}',
  },
  {
    key: 'monthly-news',
    channel: 'email',
    locale: 'zh-Hans',
    purpose: 'marketing',
    fields: ['highlight'],
    subject: '{{customer.name}}，本月新闻',
    text: '本月：{{data.highlight}}',
  },
  {
    key: 'points-balance',
    channel: 'sms',
    locale: 'en',
    purpose: 'transactional',
    fields: ['points'],
    text: '{{customer.name}}, you have {{data.points}} points.',
  },
  {
    key: 'points-balance',
    channel: 'sms',
    locale: 'zh-Hans',
    purpose: 'transactional',
    fields: ['points'],
    text: '{{customer.name}}，您有 {{data.points}} 积分。',
  },
];
