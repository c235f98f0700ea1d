import { LifecycleError, type MessageCatalogue } from '@rapport/core';
import { IntlMessageFormat } from 'intl-messageformat';

/** Values a message may interpolate. */
export type MessageValues = Record<string, string | number | Date>;

/** A checked catalogue: its locales and a formatter per message. */
export interface CompiledCatalogue {
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  /** The message `key` in `locale`, formatted with `values`; throws for a key the catalogue lacks. */
  format(locale: string, key: string, values?: MessageValues): string;
}

/**
 * Checks a catalogue and compiles its ICU messages once: the default locale must be one of its
 * locales, every locale must have exactly the default's keys, and every message must parse.
 * Throws a `LifecycleError` naming `owner`, the locale and the key of each problem.
 */
export function compileCatalogue(catalogue: MessageCatalogue, owner: string): CompiledCatalogue {
  const problems: string[] = [];
  const { defaultLocale, messages } = catalogue;
  const base = messages[defaultLocale];
  if (!base) problems.push(`the default locale '${defaultLocale}' has no messages`);
  const formats = new Map<string, IntlMessageFormat>();
  for (const [locale, entries] of Object.entries(messages)) {
    let tag: string | undefined;
    try {
      tag = Intl.getCanonicalLocales(locale)[0];
    } catch {
      tag = undefined;
    }
    if (tag !== locale) {
      problems.push(`'${locale}' is not a canonical BCP 47 locale${tag ? ` (write '${tag}')` : ''}`);
      continue;
    }
    for (const key of Object.keys(base ?? {})) {
      if (!(key in entries)) problems.push(`${locale} lacks '${key}'`);
    }
    for (const [key, text] of Object.entries(entries)) {
      if (base && !(key in base)) problems.push(`${locale} has '${key}', which ${defaultLocale} lacks`);
      try {
        formats.set(`${locale}\u0000${key}`, new IntlMessageFormat(text, locale));
      } catch (cause) {
        problems.push(`${locale} '${key}' is not an ICU message: ${(cause as Error).message}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new LifecycleError(`the page messages of ${owner} are not usable: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return {
    defaultLocale,
    locales: Object.keys(messages),
    format(locale, key, values) {
      const format = formats.get(`${locale}\u0000${key}`);
      if (!format) throw new LifecycleError(`${owner} has no page message '${key}' (in ${locale})`);
      return String(format.format(values));
    },
  };
}
