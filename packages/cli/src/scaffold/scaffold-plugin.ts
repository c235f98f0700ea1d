import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RapportError } from '@rapport/core';
import { pluginManifest, publishedRanges, WORKSPACE_RANGES } from './plugin-manifest.js';
import { type PluginNames, pluginNames } from './plugin-names.js';
import { rapportWorkspaceRoot } from './rapport-workspace.js';
import { renderTemplates } from './render-templates.js';

/** What {@link scaffoldPlugin} made. */
export interface ScaffoldedPlugin {
  names: PluginNames;
  dir: string;
  /** The Rapport repository it was created in (with `workspace:*` dependencies), if any. */
  workspaceRoot?: string;
  /** The files written, relative to `dir`. */
  files: string[];
}

/** Refuses a target that is a file or a folder with anything in it. */
async function assertEmptyTarget(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  if (!(await stat(dir)).isDirectory()) {
    throw new RapportError('PLUGIN_DIR_NOT_EMPTY', `${dir} is a file: pick another --dir`, {
      details: { dir },
    });
  }
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new RapportError(
      'PLUGIN_DIR_NOT_EMPTY',
      `${dir} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}): a plugin is scaffolded only into a new or empty folder`,
      { details: { dir, entries: entries.length } },
    );
  }
}

/**
 * Writes a plugin package named `name` into `dir` (absolute): `package.json`, a README, tsconfig,
 * vitest config and `src/` with an entity, a rule, a route, views, a metric and their tests. Inside
 * the Rapport repository its Rapport dependencies are `workspace:*`, elsewhere the published ranges.
 * Nothing is fetched.
 */
export async function scaffoldPlugin(name: string, dir: string): Promise<ScaffoldedPlugin> {
  const names = pluginNames(name);
  await assertEmptyTarget(dir);
  const workspaceRoot = rapportWorkspaceRoot(dir);
  const manifest = pluginManifest(names, workspaceRoot ? WORKSPACE_RANGES : publishedRanges());
  await mkdir(dir, { recursive: true });
  const files = await renderTemplates('plugin', dir, { ...names });
  await writeFile(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    names,
    dir,
    ...(workspaceRoot ? { workspaceRoot } : {}),
    files: ['package.json', ...files].sort(),
  };
}

/**
 * The folder a plugin goes to without `--dir`: `plugins/<name>` of the Rapport repository when
 * `cwd` is inside it, else `<name>` in `cwd` (the scope dropped).
 */
export function defaultPluginDir(cwd: string, name: string): string {
  const folder = pluginNames(name).folderName;
  const root = rapportWorkspaceRoot(cwd);
  return root ? resolve(root, 'plugins', folder) : resolve(cwd, folder);
}
