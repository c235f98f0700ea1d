import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docCodeBlocks } from './doc-code-blocks.js';

const GUIDE = `# Guide

\`\`\`ts
const a = 1;
\`\`\`

## Install

Run:

\`\`\`sh
echo one
\`\`\`

### Detail

\`\`\`sh title
echo two
\`\`\`

\`\`\`ts
const b = 2;
\`\`\`

## Next

\`\`\`sh
echo three
\`\`\`
`;

describe('docCodeBlocks', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the fenced blocks of a section, by language, with their lines', async () => {
    dir = await mkdtemp(join(tmpdir(), 'doc-blocks-'));
    const file = join(dir, 'guide.md');
    await writeFile(file, GUIDE);
    expect(await docCodeBlocks(file, { section: 'Install', lang: 'sh' })).toEqual([
      { lang: 'sh', text: 'echo one', line: 11 },
      { lang: 'sh', text: 'echo two', line: 17 },
    ]);
    expect((await docCodeBlocks(file, { lang: 'ts' })).map((block) => block.text)).toEqual([
      'const a = 1;',
      'const b = 2;',
    ]);
    expect(await docCodeBlocks(file)).toHaveLength(5);
    await expect(docCodeBlocks(file, { section: 'Missing' })).rejects.toThrow("has no section 'Missing'");
    await expect(docCodeBlocks(file, { section: 'Next', lang: 'ts' })).rejects.toThrow(
      "has no ts code block under 'Next'",
    );
  });
});
