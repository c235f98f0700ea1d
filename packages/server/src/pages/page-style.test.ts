import { describe, expect, it } from 'vitest';
import { negotiateLocale, textDirection } from './locale.js';
import { PAGE_COLOURS } from './page-style.js';

/** WCAG 2.2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('page colours', () => {
  const c = PAGE_COLOURS;
  it('give every text its contrast (WCAG AA 4.5:1, the body text AAA 7:1) and every border 3:1', () => {
    expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7);
    for (const [fg, bg] of [
      [c.muted, c.background],
      [c.accent, c.background],
      [c.error, c.background],
      [c.onAccent, c.accent],
      [c.onAccent, c.accentHover],
    ] as const) {
      expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(c.border, c.background)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.accent, c.background)).toBeGreaterThanOrEqual(3); // the focus ring
  });
});

describe('negotiateLocale', () => {
  const available = ['en', 'zh-Hans'];
  it('takes the explicit locale when the catalogue has it or a close match', () => {
    expect(negotiateLocale(available, 'en', 'zh-CN', 'en')).toBe('zh-Hans');
    expect(negotiateLocale(available, 'en', 'zh', undefined)).toBe('zh-Hans');
    expect(negotiateLocale(available, 'en', 'de', 'zh-CN')).toBe('zh-Hans');
    expect(negotiateLocale(available, 'en', 'not a tag!', 'zh-Hans-CN')).toBe('zh-Hans');
  });
  it('reads Accept-Language by q-value and falls back to the default', () => {
    expect(negotiateLocale(available, 'en', undefined, 'de;q=0.9, zh-CN;q=0.8, en;q=0.1')).toBe('zh-Hans');
    expect(negotiateLocale(available, 'en', undefined, 'zh-CN;q=0.2, en-GB;q=0.7')).toBe('en');
    expect(negotiateLocale(available, 'en', undefined, 'zh-TW')).toBe('en');
    expect(negotiateLocale(available, 'zh-Hans', undefined, '*')).toBe('zh-Hans');
    expect(negotiateLocale(available, 'en', undefined, `${'x-bad_;'.repeat(500)}`)).toBe('en');
  });
  it('knows which scripts run right to left', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('zh-Hans')).toBe('ltr');
  });
});
