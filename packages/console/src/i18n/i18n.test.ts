import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { consoleLanguage, createI18n, localText } from './i18n.js';
import { zhHans } from './zh-hans.js';

function keys(value: unknown, prefix = ''): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    typeof item === 'object' && item !== null ? keys(item, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('languages', () => {
  it('has every English text in Simplified Chinese, none left in English', () => {
    expect(keys(zhHans).sort()).toEqual(keys(en).sort());
    const english = new Map(keys(en).map((key) => [key, key]));
    const lookup = (catalogue: unknown, key: string) =>
      key.split('.').reduce<unknown>((at, step) => (at as Record<string, unknown>)[step], catalogue);
    const same = [...english.keys()].filter(
      (key) =>
        lookup(en, key) === lookup(zhHans, key) && !/^(app\.name|form\.noValue|record\.changedBy)$/.test(key),
    );
    expect(same).toEqual([]);
  });

  it("chooses the console language from the user's", () => {
    expect(consoleLanguage('zh-CN')).toBe('zh-Hans');
    expect(consoleLanguage('zh')).toBe('zh-Hans');
    expect(consoleLanguage('zh-Hans-SG')).toBe('zh-Hans');
    expect(consoleLanguage('de-DE')).toBe('en');
    expect(consoleLanguage(undefined)).toBe('en');
  });

  it("reads a plugin's text for the language, falling back to English", () => {
    const text = { en: 'Pipeline', 'zh-Hans': '销售管道' };
    expect(localText(text, 'zh-Hans')).toBe('销售管道');
    expect(localText(text, 'de')).toBe('Pipeline');
    expect(localText('Plain', 'zh-Hans')).toBe('Plain');
  });

  it('translates with counts in both languages', () => {
    expect(createI18n('en').t('list.count', { count: 1, n: '1' })).toBe('1 record');
    expect(createI18n('en').t('list.count', { count: 2, n: '2' })).toBe('2 records');
    expect(createI18n('zh-Hans').t('list.count', { count: 2, n: '2' })).toBe('2 条记录');
  });
});
