import { readFile } from 'node:fs/promises';
import { Lexer, type Token, type Tokens } from 'marked';

/** A fenced code block of a guide: its language (`sh`, `ts`, or `''`), its text, its first line. */
export interface DocCodeBlock {
  lang: string;
  text: string;
  /** 1-based line of the opening fence in the file, for failure messages. */
  line: number;
}

/** Options of {@link docCodeBlocks}. */
export interface DocCodeBlockOptions {
  /** Only the blocks under this heading (any level), up to the next heading of the same or a higher level. */
  section?: string;
  /** Only blocks of this language (`sh`, `ts`). */
  lang?: string;
}

/**
 * The fenced code blocks of a Markdown guide, parsed with `marked`, so a test can run each one and
 * a snippet that does not work fails CI. A `section` that the file lacks, or a selection with no
 * block at all, throws: a test never passes by reading nothing.
 *
 * @example
 * ```ts
 * for (const block of await docCodeBlocks('docs/plugin-authoring.md', { section: 'Scaffold a plugin', lang: 'sh' })) {
 *   await exec('sh', ['-euc', block.text], { cwd });
 * }
 * ```
 */
export async function docCodeBlocks(
  file: string,
  options: DocCodeBlockOptions = {},
): Promise<DocCodeBlock[]> {
  const markdown = await readFile(file, 'utf8');
  const tokens = Lexer.lex(markdown);
  let line = 1;
  let inSection = options.section === undefined;
  let sectionDepth = 0;
  let found = options.section === undefined;
  const blocks: DocCodeBlock[] = [];
  const at = new Map<Token, number>();
  for (const token of tokens) {
    at.set(token, line);
    line += (token.raw.match(/\n/g) ?? []).length;
  }
  for (const token of tokens) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      if (heading.text === options.section) {
        inSection = true;
        found = true;
        sectionDepth = heading.depth;
      } else if (inSection && options.section !== undefined && heading.depth <= sectionDepth) {
        inSection = false;
      }
    }
    if (!inSection || token.type !== 'code') continue;
    const code = token as Tokens.Code;
    const lang = (code.lang ?? '').split(/\s/)[0] ?? '';
    if (options.lang !== undefined && lang !== options.lang) continue;
    blocks.push({ lang, text: code.text, line: at.get(token) ?? 0 });
  }
  if (!found) throw new Error(`${file} has no section '${options.section}'`);
  if (blocks.length === 0) {
    throw new Error(
      `${file} has no ${options.lang ?? ''} code block${options.section ? ` under '${options.section}'` : ''}`,
    );
  }
  return blocks;
}
