import type { MessageCatalogue } from '@rapport/core';

/** The unsubscribe page's messages, in English and Simplified Chinese (ICU MessageFormat). */
export const UNSUBSCRIBE_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'Unsubscribe',
      question: 'Stop marketing {channel, select, sms {text messages} other {e-mails}} to {address}?',
      explain: 'You will still get messages about your orders and requests.',
      confirm: 'Unsubscribe',
      done: 'You are unsubscribed',
      doneText:
        'We will send no more marketing {channel, select, sms {text messages} other {e-mails}} to {address}.',
    },
    'zh-Hans': {
      title: '退订',
      question: '停止向 {address} 发送营销{channel, select, sms {短信} other {邮件}}？',
      explain: '您仍会收到有关订单和服务请求的通知。',
      confirm: '退订',
      done: '您已退订',
      doneText: '我们将不再向 {address} 发送营销{channel, select, sms {短信} other {邮件}}。',
    },
  },
};
