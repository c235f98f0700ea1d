import type { FieldSpec } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';

/** Where values are formatted for: a BCP 47 locale and an IANA time zone. */
export interface Place {
  locale: string;
  timeZone: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

/** The number of minor-unit digits of `currency` (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return (
      cached(
        `digits:${currency}`,
        () => new Intl.NumberFormat('en', { style: 'currency', currency }),
      ).resolvedOptions().maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** An amount in integer minor units as money in `place`'s locale (`1234` EUR → `€12.34`). */
export function formatMoney(amount: number, currency: string, place: Place): string {
  const digits = currencyDigits(currency);
  try {
    return cached(
      `money:${place.locale}:${currency}`,
      () => new Intl.NumberFormat(place.locale, { style: 'currency', currency }),
    ).format(amount / 10 ** digits);
  } catch {
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** A number in `place`'s locale. */
export function formatNumber(value: number, place: Place, options: Intl.NumberFormatOptions = {}): string {
  return cached(
    `n:${place.locale}:${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(place.locale, options),
  ).format(value);
}

/** An ISO 8601 instant as a date and time in `place`'s locale and time zone. */
export function formatDateTime(iso: string, place: Place): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(place.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: place.timeZone,
  }).format(date);
}

/** A calendar date (`2026-06-01`) in `place`'s locale. */
export function formatDate(day: string, place: Place): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(place.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

function isMoney(value: unknown): value is { amount: number; currency: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { amount?: unknown }).amount === 'number' &&
    typeof (value as { currency?: unknown }).currency === 'string'
  );
}

/** Labels for values that need words (booleans, empty). */
export interface ValueWords {
  yes: string;
  no: string;
}

/**
 * A field's value as text for a person, by the field's kind; `record` (the value's record) gives
 * an amount of minor units its currency.
 */
export function formatValue(
  field: FieldSpec | undefined,
  value: unknown,
  place: Place,
  words: ValueWords,
  record?: Record<string, unknown>,
): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field?.kind) {
    case 'money':
      return isMoney(value) ? formatMoney(value.amount, value.currency, place) : String(value);
    case 'dateTime':
      return typeof value === 'string' ? formatDateTime(value, place) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value, place) : String(value);
    case 'integer':
    case 'number': {
      if (typeof value !== 'number') return String(value);
      const currency = field.currencyPath && record ? valueAt(record, field.currencyPath) : undefined;
      if (typeof currency === 'string') return formatMoney(value, currency, place);
      // A year is a name, not an amount: 1966, never 1,966.
      return /year$/i.test(field.name) ? String(value) : formatNumber(value, place);
    }
    case 'boolean':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'array':
      return Array.isArray(value)
        ? value.map((item) => formatValue(field.item, item, place, words)).join(', ')
        : String(value);
    default:
      if (isMoney(value)) return formatMoney(value.amount, value.currency, place);
      if (typeof value === 'boolean') return value ? words.yes : words.no;
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/** A metric's value in its unit: ratios as percents, currency codes as money, counts and days as numbers. */
export function formatMetric(value: number | null, unit: string, place: Place): string {
  if (value === null) return '—';
  if (unit === 'ratio') return formatNumber(value, place, { style: 'percent', maximumFractionDigits: 1 });
  if (/^[A-Z]{3}$/.test(unit)) return formatMoney(Math.round(value), unit, place);
  return formatNumber(value, place, { maximumFractionDigits: 1 });
}

/** A metric id as words: `sales.winRate` → `Sales · Win rate`. */
export function metricTitle(id: string): string {
  return id
    .split('.')
    .map((part) => humanize(part))
    .join(' · ');
}

/** `camelCase` and dotted paths as words: `objective.birthYear` → `Birth year`. */
export function humanize(path: string): string {
  const last = path.split('.').pop() ?? path;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
