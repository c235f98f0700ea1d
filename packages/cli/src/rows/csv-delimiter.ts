import { UsageError } from '../errors.js';

/** Reads `--delimiter`: one character, `\t` (typed as backslash-t) for a tab. Default `,`. */
export function csvDelimiter(text: string | undefined): string {
  if (text === undefined) return ',';
  const delimiter = text === '\\t' || text === 'tab' ? '\t' : text;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new UsageError(
      `--delimiter must be one character other than a quote or a line break (got ${JSON.stringify(text)})`,
    );
  }
  return delimiter;
}
