import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from './formula-escape.js';

describe('escapeFormula', () => {
  it('quotes what a spreadsheet would run', () => {
    for (const cell of [
      '=1+2',
      '@SUM(A1)',
      '\t=x',
      '\rx',
      '+cmd|" /C calc"!A0',
      '-2+3+cmd|x',
      '=HYPERLINK("x")',
    ]) {
      expect(escapeFormula(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves plain text, numbers and phone numbers alone', () => {
    for (const cell of ['Ada', '', '42', '-17.5', '+4930 1234567', '+1 (415) 555-0123', 'a=b', "it's"]) {
      expect(escapeFormula(cell), JSON.stringify(cell)).toBe(cell);
    }
  });

  it('round-trips every value exactly, quotes included', () => {
    const values = ['=x', "'=x", "''=x", "'", "'hello", '@', "'@", '+x', "'+x", "'+49", '-', 'plain', "'''"];
    for (const value of values) {
      expect(unescapeFormula(escapeFormula(value)), JSON.stringify(value)).toBe(value);
    }
  });

  it('does not unquote a value it did not quote', () => {
    expect(unescapeFormula("'hello")).toBe("'hello");
    expect(unescapeFormula("'+4930")).toBe("'+4930");
  });
});
