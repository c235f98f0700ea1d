import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the template trees live: `templates/` of the CLI package (shipped in its `files`). */
export const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

const TOKEN = /\{\{(\w+)\}\}/g;
const SUFFIX = '.tmpl';
/** npm drops `.gitignore` from packed files, so the template is `gitignore.tmpl`. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** Replaces every `{{name}}` in `text`; a name without a value is a bug in the template. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>, file: string): string {
  return text.replace(TOKEN, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template ${file} uses {{${name}}}, which has no value`);
    return value;
  });
}

/**
 * Copies the template tree `name` into `target`, filling `{{name}}` tokens from `values` and
 * dropping each file's `.tmpl` suffix. Resolves with the written paths, relative to `target`.
 */
export async function renderTemplates(
  name: string,
  target: string,
  values: Readonly<Record<string, string>>,
): Promise<string[]> {
  const root = fileURLToPath(new URL(`${name}/`, TEMPLATES_DIR));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const written: string[] = [];
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(SUFFIX))) {
    const source = join(entry.parentPath, entry.name);
    const relativeDir = relative(root, entry.parentPath);
    const base = entry.name.slice(0, -SUFFIX.length);
    const file = join(relativeDir, RENAMED[base] ?? base);
    const text = fillTemplate(await readFile(source, 'utf8'), values, join(name, relativeDir, entry.name));
    await mkdir(dirname(join(target, file)), { recursive: true });
    await writeFile(join(target, file), text);
    written.push(file);
  }
  return written.sort();
}
