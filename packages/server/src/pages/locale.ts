import { match } from '@formatjs/intl-localematcher';
import { parseAccept } from 'hono/utils/accept';

/** The sentinel `match` answers when nothing fits. */
const NONE = 'und';
/** At most this many `Accept-Language` entries are considered (the header is the client's to fill). */
const MAX_ACCEPTED = 20;

/** A well-formed BCP 47 tag in its canonical form, or `undefined`. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The best of `available` for one requested tag (`zh-CN` finds `zh-Hans`), or `undefined`. */
function best(requested: readonly string[], available: readonly string[]): string | undefined {
  if (requested.length === 0) return undefined;
  const found = match(requested, available, NONE, { algorithm: 'best fit' });
  return found === NONE ? undefined : found;
}

/**
 * The locale a page is shown in: the explicit one (the customer's language, as the plugin
 * knows it) when `available` has it or a close match, else the best match of the browser's
 * `Accept-Language` (by q-value), else `fallback`. Matching follows CLDR (ECMA-402 best fit):
 * `zh-CN` and `zh` find `zh-Hans`, `en-GB` finds `en`, `zh-TW` does not find `zh-Hans`.
 *
 * @example
 * ```ts
 * negotiateLocale(['en', 'zh-Hans'], 'en', undefined, 'zh-CN,zh;q=0.9,en;q=0.8'); // 'zh-Hans'
 * ```
 */
export function negotiateLocale(
  available: readonly string[],
  fallback: string,
  explicit: string | undefined,
  acceptLanguage: string | undefined,
): string {
  const wanted = explicit === undefined ? undefined : canonical(explicit);
  const fromExplicit = wanted ? best([wanted], available) : undefined;
  if (fromExplicit) return fromExplicit;
  if (!acceptLanguage) return fallback;
  const accepted = parseAccept(acceptLanguage.slice(0, 1_000))
    .filter((entry) => entry.q > 0 && entry.type !== '*')
    .sort((a, b) => b.q - a.q)
    .slice(0, MAX_ACCEPTED)
    .map((entry) => canonical(entry.type))
    .filter((tag): tag is string => tag !== undefined);
  return best(accepted, available) ?? fallback;
}

/** `rtl` for scripts written right to left (Arabic, Hebrew), else `ltr`. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  const info = new Intl.Locale(locale) as Intl.Locale & { textInfo?: { direction?: string } };
  return info.textInfo?.direction === 'rtl' ? 'rtl' : 'ltr';
}
