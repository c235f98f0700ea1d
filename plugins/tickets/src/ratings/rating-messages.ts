import type { MessageCatalogue } from '@rapport/core';

/** The rating page's messages, in English and Simplified Chinese (ICU MessageFormat). */
export const RATING_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'How did we do?',
      intro:
        '{name, select, none {Hello,} other {Hello {name},}} your request “{subject}” ({reference}) is resolved.',
      question: 'How satisfied are you with how we handled it?',
      score:
        '{score, select, 1 {1 – very dissatisfied} 2 {2 – dissatisfied} 3 {3 – neutral} 4 {4 – satisfied} other {5 – very satisfied}}',
      comment: 'Anything you would like to tell us? (optional)',
      commentHint: 'Up to 2,000 characters.',
      send: 'Send',
      pick: 'Please choose a score from 1 to 5.',
      thanks: 'Thank you',
      thanksText: 'We have your rating of {score} out of 5.',
      reopened: 'We are sorry. We have reopened your request and will get back to you.',
      already: 'We already have your rating of this request.',
    },
    'zh-Hans': {
      title: '请评价我们的服务',
      intro: '{name, select, none {您好，} other {{name}，您好，}}您的请求“{subject}”（{reference}）已解决。',
      question: '您对本次处理满意吗？',
      score:
        '{score, select, 1 {1 – 非常不满意} 2 {2 – 不满意} 3 {3 – 一般} 4 {4 – 满意} other {5 – 非常满意}}',
      comment: '还有什么想告诉我们的吗？（选填）',
      commentHint: '最多 2000 字。',
      send: '提交',
      pick: '请选择 1 到 5 分。',
      thanks: '谢谢',
      thanksText: '我们已收到您的评分：{score} 分（满分 5 分）。',
      reopened: '非常抱歉。我们已重新处理您的请求，并会尽快与您联系。',
      already: '我们已收到您对此请求的评价。',
    },
  },
};
