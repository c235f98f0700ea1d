import type { MessageCatalogue } from '@rapport/core';

/** The page kit's own messages: the pages it shows when a link does not work or a client hurries. */
export const KIT_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      'notFound.title': 'This link does not work',
      'notFound.text':
        'It may have expired, been used already, or been copied incompletely. If you still need help, please contact us.',
      'tooMany.title': 'Too many attempts',
      'tooMany.text': 'Please wait {seconds, plural, one {# second} other {# seconds}} and try again.',
      'error.title': 'Something went wrong',
      'error.text': 'We could not complete this. Please try again later.',
    },
    'zh-Hans': {
      'notFound.title': '此链接无法使用',
      'notFound.text': '链接可能已过期、已被使用，或复制不完整。如仍需帮助，请与我们联系。',
      'tooMany.title': '尝试次数过多',
      'tooMany.text': '请等待 {seconds} 秒后重试。',
      'error.title': '出现问题',
      'error.text': '我们暂时无法完成此操作，请稍后重试。',
    },
  },
};
