/** Letters, digits and CJK characters survive; everything else around a word is dropped. */
const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/**
 * Whether a reply is exactly one opt-out word (`STOP`, ` stop! `, `退订`, `td`): compared after
 * Unicode NFKC (full-width `ＳＴＯＰ` is `STOP`), trimming, dropping punctuation around it and
 * upper-casing. A longer message that merely contains such a word is not one ("we've got to stop
 * this bill", Spoke #1016) — Mautic's exact `stop` rule, with the FCC's and Chinese carriers' words.
 *
 * @example
 * ```ts
 * isOptOutReply(' Stop. ', ['STOP']); // true
 * isOptOutReply('please stop calling', ['STOP']); // false
 * ```
 */
export function isOptOutReply(text: string, keywords: readonly string[]): boolean {
  if (text.length > 100) return false;
  const word = text.normalize('NFKC').replace(EDGES, '').toUpperCase();
  if (word.length === 0 || /\s/.test(word)) return false;
  return keywords.some((keyword) => keyword.normalize('NFKC').toUpperCase() === word);
}

/** The language of a confirmation for an opt-out word: Chinese for 退订 and TD, else the customer's. */
export function confirmationLocale(text: string, customerLanguage: string | undefined): string {
  const word = text.normalize('NFKC').replace(EDGES, '').toUpperCase();
  if (word === '退订' || word === 'TD') return 'zh-Hans';
  return customerLanguage ?? 'en';
}
