import type { MessageCatalogue } from '@rapport/core';

/** The progress page's messages, in English and Simplified Chinese (ICU MessageFormat). */
export const PROGRESS_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'Your request {reference}',
      hello: '{name, select, none {Hello,} other {Hello {name},}}',
      intro: 'here is where your request “{subject}” stands.',
      statusLabel: 'Status',
      status:
        '{status, select, new {Received} open {In progress} pending {Waiting for your reply} onHold {On hold: waiting on a third party} resolved {Resolved} closed {Closed} reopened {Reopened} other {In progress}}',
      promisedLabel: 'Promised by',
      outlook:
        '{outlook, select, done {Completed.} onTrack {On track to be completed by the promised date.} atRisk {The promised date is at risk; we will keep you informed.} late {The promised date has passed; we are still working on it.} other {}}',
      history: 'History',
      movedTo: 'Status: {status}',
      fromUs: '{name, select, none {Our team} other {{name}, our team}}',
      fromYou: 'You',
      truncated: 'Showing the latest entries only.',
      empty: 'Nothing yet.',
    },
    'zh-Hans': {
      title: '您的服务请求 {reference}',
      hello: '{name, select, none {您好，} other {{name}，您好，}}',
      intro: '以下是您的请求“{subject}”的处理进度。',
      statusLabel: '状态',
      status:
        '{status, select, new {已受理} open {处理中} pending {等待您的回复} onHold {挂起：等待第三方} resolved {已解决} closed {已关闭} reopened {重新处理中} other {处理中}}',
      promisedLabel: '承诺完成日期',
      outlook:
        '{outlook, select, done {已完成。} onTrack {预计可在承诺日期前完成。} atRisk {承诺日期可能无法按时完成，我们会及时告知您。} late {已超过承诺日期，我们仍在处理中。} other {}}',
      history: '处理记录',
      movedTo: '状态：{status}',
      fromUs: '{name, select, none {客服团队} other {客服团队 {name}}}',
      fromYou: '您',
      truncated: '仅显示最近的记录。',
      empty: '暂无记录。',
    },
  },
};
