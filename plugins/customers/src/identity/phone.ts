import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The outcome of normalising a phone number: E.164, or why it cannot be one. */
export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Normalises a phone number to E.164 with libphonenumber's full metadata. A number without a
 * `+` country code needs `defaultRegion`; a number with an extension is refused (E.164 has no
 * extensions, and two extensions of one switchboard must not collide as one customer).
 *
 * @example
 * ```ts
 * normalisePhone('030 1234567', 'DE'); // { ok: true, e164: '+49301234567' }
 * normalisePhone('12345');             // { ok: false, message: '...' }
 * ```
 */
export function normalisePhone(input: string, defaultRegion?: string): PhoneResult {
  // A customer write normalises its phone in `validate` and again in `before*`, and parsing with
  // the full metadata costs 13–30 µs: recent answers are kept (the function is pure).
  const key = `${defaultRegion ?? ''}\u0000${input}`;
  const known = recent.get(key);
  if (known) return known;
  const result = Object.freeze(parse(input, defaultRegion));
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, result);
  return result;
}

const RECENT_MAX = 1_024;
const recent = new Map<string, PhoneResult>();

function parse(input: string, defaultRegion: string | undefined): PhoneResult {
  const text = input.trim();
  if (!text.startsWith('+') && !defaultRegion) {
    return {
      ok: false,
      message: 'needs an international form such as +49 30 1234567 (no default region is configured)',
    };
  }
  const parsed = parsePhoneNumberFromString(
    text,
    defaultRegion ? { defaultCountry: defaultRegion as CountryCode } : {},
  );
  if (!parsed?.isValid()) {
    return {
      ok: false,
      message: `is not a valid phone number${defaultRegion ? ` (national numbers are read as ${defaultRegion})` : ''}`,
    };
  }
  if (parsed.ext) {
    return { ok: false, message: 'may not carry an extension; keep the main number and note the extension' };
  }
  return { ok: true, e164: parsed.number };
}
