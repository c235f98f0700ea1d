import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email.js';
import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it('turns national numbers into E.164 with the default region', () => {
    expect(normalisePhone('030 1234567', 'DE')).toEqual({ ok: true, e164: '+49301234567' });
    expect(normalisePhone('138 0013 8000', 'CN')).toEqual({ ok: true, e164: '+8613800138000' });
    expect(normalisePhone('(415) 882-1234', 'US')).toEqual({ ok: true, e164: '+14158821234' });
  });

  it('accepts international numbers in any format, with or without a default region', () => {
    expect(normalisePhone('+49 (0)30 123 45 67')).toEqual({ ok: true, e164: '+49301234567' });
    expect(normalisePhone('0049 30 1234567', 'DE')).toEqual({ ok: true, e164: '+49301234567' });
  });

  it('refuses national numbers without a default region, invalid numbers and extensions', () => {
    expect(normalisePhone('030 1234567')).toMatchObject({
      ok: false,
      message: expect.stringContaining('international'),
    });
    expect(normalisePhone('12', 'DE')).toMatchObject({ ok: false });
    expect(normalisePhone('+1 999 123 4567')).toMatchObject({ ok: false });
    expect(normalisePhone('call me')).toMatchObject({ ok: false });
    expect(normalisePhone('+49 30 1234567 ext. 5')).toMatchObject({
      ok: false,
      message: expect.stringContaining('extension'),
    });
  });

  it('answers a repeated number from memory, per default region', () => {
    const first = normalisePhone('0664 1234567', 'AT');
    expect(normalisePhone('0664 1234567', 'AT')).toBe(first);
    expect(first).toEqual({ ok: true, e164: '+436641234567' });
    expect(normalisePhone('0664 1234567', 'DE')).not.toEqual(first);
    expect(normalisePhone('0664 1234567')).toMatchObject({ ok: false });
    expect(Object.isFrozen(first)).toBe(true);
    // Far more distinct numbers than the memory holds still normalise correctly.
    for (let i = 0; i < 3_000; i += 1) {
      const local = String(1_000_000 + i);
      expect(normalisePhone(`030 ${local}`, 'DE')).toEqual({ ok: true, e164: `+4930${local}` });
    }
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail(' Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });
});
