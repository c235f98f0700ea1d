import type { MessageTemplate } from '@rapport/plugin-messaging';

/** The occasions the customer hears about, and `escalated`: the notice to the people a rule names. */
export const NOTIFICATION_KINDS = ['created', 'reply', 'resolved', 'escalated'] as const;
/** @see NOTIFICATION_KINDS */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The template key of an occasion: `ticket-created`, `ticket-reply`, `ticket-resolved`. */
export const templateKey = (kind: NotificationKind) => `ticket-${kind}`;

const FIELDS = [
  'firstName',
  'reference',
  'subject',
  'progressUrl',
  'ratingUrl',
  'replyText',
  'resolution',
  'rule',
  'occasion',
  'priority',
];

const hello = {
  en: 'Hello{{#data.firstName}} {{data.firstName}}{{/data.firstName}},',
  'zh-Hans': '{{#data.firstName}}{{data.firstName}}，{{/data.firstName}}您好：',
};
const follow = {
  en: '{{#data.progressUrl}}Follow its progress: {{data.progressUrl}}{{/data.progressUrl}}',
  'zh-Hans': '{{#data.progressUrl}}查看处理进度：{{data.progressUrl}}{{/data.progressUrl}}',
};

const TEXTS: Record<
  NotificationKind,
  Record<'en' | 'zh-Hans', { subject: string; body: string; sms: string }>
> = {
  created: {
    en: {
      subject: 'We received your request {{data.reference}}',
      body: `${hello.en}\n\nwe received your request “{{data.subject}}” ({{data.reference}}) and will answer soon.\n\n${follow.en}`,
      sms: 'We received your request {{data.reference}}. {{#data.progressUrl}}Progress: {{data.progressUrl}}{{/data.progressUrl}}',
    },
    'zh-Hans': {
      subject: '我们已收到您的服务请求 {{data.reference}}',
      body: `${hello['zh-Hans']}\n\n我们已收到您的请求“{{data.subject}}”（{{data.reference}}），将尽快回复您。\n\n${follow['zh-Hans']}`,
      sms: '我们已收到您的服务请求 {{data.reference}}。{{#data.progressUrl}}进度：{{data.progressUrl}}{{/data.progressUrl}}',
    },
  },
  reply: {
    en: {
      subject: 'Re: {{data.subject}} [{{data.reference}}]',
      body: `${hello.en}\n\n{{data.replyText}}\n\n${follow.en}`,
      sms: 'About {{data.reference}}: {{data.replyText}}',
    },
    'zh-Hans': {
      subject: '回复：{{data.subject}} [{{data.reference}}]',
      body: `${hello['zh-Hans']}\n\n{{data.replyText}}\n\n${follow['zh-Hans']}`,
      sms: '关于 {{data.reference}}：{{data.replyText}}',
    },
  },
  resolved: {
    en: {
      subject: 'Your request {{data.reference}} is resolved',
      body: `${hello.en}\n\nyour request “{{data.subject}}” ({{data.reference}}) is resolved: {{data.resolution}}\n\nIf anything is still wrong, just reply to this message.\n\n{{#data.ratingUrl}}How did we do? Rate us: {{data.ratingUrl}}\n\n{{/data.ratingUrl}}${follow.en}`,
      sms: 'Your request {{data.reference}} is resolved. Reply if anything is still wrong.',
    },
    'zh-Hans': {
      subject: '您的服务请求 {{data.reference}} 已解决',
      body: `${hello['zh-Hans']}\n\n您的请求“{{data.subject}}”（{{data.reference}}）已解决：{{data.resolution}}\n\n如仍有问题，请直接回复本消息。\n\n{{#data.ratingUrl}}请评价我们的服务：{{data.ratingUrl}}\n\n{{/data.ratingUrl}}${follow['zh-Hans']}`,
      sms: '您的服务请求 {{data.reference}} 已解决。如仍有问题，请回复本短信。',
    },
  },
  escalated: {
    en: {
      subject: 'Escalated: {{data.subject}} [{{data.reference}}]',
      body: `${hello.en}

the escalation rule “{{data.rule}}” fired on ticket {{data.reference}} “{{data.subject}}” ({{data.occasion}}); its priority is {{data.priority}}.

It is in your queue in the console.`,
      sms: 'Escalated: {{data.reference}} ({{data.rule}}, {{data.occasion}})',
    },
    'zh-Hans': {
      subject: '已升级：{{data.subject}} [{{data.reference}}]',
      body: `${hello['zh-Hans']}

升级规则“{{data.rule}}”已在工单 {{data.reference}}“{{data.subject}}”上触发（{{data.occasion}}），当前优先级：{{data.priority}}。

请在控制台的工作队列中处理。`,
      sms: '工单已升级：{{data.reference}}（{{data.rule}}，{{data.occasion}}）',
    },
  },
};

/** The templates the plugin seeds when messaging is installed: each occasion by e-mail and SMS, in English and Simplified Chinese. */
export function ticketTemplates(): MessageTemplate[] {
  return NOTIFICATION_KINDS.flatMap((kind) =>
    (['en', 'zh-Hans'] as const).flatMap((locale) => {
      const text = TEXTS[kind][locale];
      const used = (content: string) => FIELDS.filter((field) => content.includes(`data.${field}`));
      const base = { key: templateKey(kind), locale, purpose: 'transactional' as const };
      return [
        {
          ...base,
          channel: 'email' as const,
          subject: text.subject,
          text: text.body,
          fields: used(`${text.subject} ${text.body}`),
        },
        { ...base, channel: 'sms' as const, text: text.sms, fields: used(text.sms) },
      ];
    }),
  );
}
