import { describe, expect, it } from 'vitest';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../options.js';
import { confirmationLocale, isOptOutReply } from './opt-out-keywords.js';

describe('isOptOutReply', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop! ',
    'ＳＴＯＰ',
    'STOPALL',
    'unsubscribe.',
    'Cancel',
    'end',
    'QUIT',
    '退订',
    '退订。',
    'td',
    'TD',
  ])('takes %j as an opt-out', (text) => expect(isOptOutReply(text, DEFAULT_OPT_OUT_KEYWORDS)).toBe(true));
  it.each([
    'please stop calling me',
    "we've got to STOP this bill",
    'STOP STOP',
    'stopp',
    '',
    '!!!',
    '不要退订',
    'tdd',
  ])('does not take %j as one', (text) => expect(isOptOutReply(text, DEFAULT_OPT_OUT_KEYWORDS)).toBe(false));
  it('confirms 退订 and TD in Chinese, others in the customer’s language', () => {
    expect(confirmationLocale('退订', 'en')).toBe('zh-Hans');
    expect(confirmationLocale('td', undefined)).toBe('zh-Hans');
    expect(confirmationLocale('STOP', 'de')).toBe('de');
    expect(confirmationLocale('STOP', undefined)).toBe('en');
  });
});
