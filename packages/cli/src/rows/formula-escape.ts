/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const ALWAYS = new Set(['=', '@', '\t', '\r']);
/** A sign followed only by what numbers and phone numbers are made of is data, not a formula. */
const SIGNED_NUMBER = /^[+-][\d\s().,/-]*$/;

function triggers(value: string): boolean {
  const first = value[0];
  if (first === undefined) return false;
  if (ALWAYS.has(first)) return true;
  return (first === '+' || first === '-') && !SIGNED_NUMBER.test(value);
}

/** Would a spreadsheet run this cell (once any leading quotes are set aside)? */
function needsQuote(value: string): boolean {
  return triggers(value.replace(/^'+/, ''));
}

/**
 * Makes a text cell safe to open in a spreadsheet: a value a spreadsheet would take for a formula
 * (`=`, `@`, tab, carriage return, or `+`/`-` not followed by a plain number such as an E.164
 * phone) gets a leading `'`. Values that already start with quotes before such a payload get one
 * more, so {@link unescapeFormula} gives every value back exactly.
 *
 * @example
 * ```ts
 * escapeFormula('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * escapeFormula('+4930123456');             // '+4930123456' (a phone, left alone)
 * ```
 */
export function escapeFormula(value: string): string {
  return needsQuote(value) ? `'${value}` : value;
}

/** The exact inverse of {@link escapeFormula}, for importing what `rapport export` wrote. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && needsQuote(value) ? value.slice(1) : value;
}
