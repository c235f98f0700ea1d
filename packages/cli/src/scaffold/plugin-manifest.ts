import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PluginNames } from './plugin-names.js';

/**
 * The versions of the third-party packages a scaffolded plugin uses: the ones this repository
 * builds and tests with (a CLI test keeps them equal to the workspace's).
 */
export const THIRD_PARTY_VERSIONS = {
  hono: '4.13.19',
  vitest: '4.1.12',
  typescript: '5.9.3',
  '@types/node': '^20.19.0',
} as const;

/** The Rapport packages a scaffolded plugin depends on. */
export const RAPPORT_PACKAGES = ['@rapport/core', '@rapport/server', '@rapport/testing'] as const;
type RapportPackage = (typeof RAPPORT_PACKAGES)[number];

/** How the scaffold names its Rapport dependencies: `workspace:*` inside this repository, else ranges. */
export type RapportRanges = Readonly<Record<RapportPackage, string>>;

/** `workspace:*` for every Rapport package: a plugin created inside the Rapport repository. */
export const WORKSPACE_RANGES: RapportRanges = {
  '@rapport/core': 'workspace:*',
  '@rapport/server': 'workspace:*',
  '@rapport/testing': 'workspace:*',
};

/** The version in the `package.json` above `file` whose name is `name`, if any. */
function versionAbove(file: string, name: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (json.name === name) return json.version;
  }
  return undefined;
}

/**
 * Caret ranges of the published Rapport packages, for a plugin created outside this repository:
 * each package's version as installed beside this CLI (`@rapport/testing`, not a dependency of the
 * CLI, falls back to the version of `@rapport/core`, with which it is released). Read from disk:
 * nothing is fetched.
 */
export function publishedRanges(): RapportRanges {
  const require = createRequire(import.meta.url);
  const installed = (name: string): string | undefined => {
    try {
      return versionAbove(require.resolve(name), name);
    } catch {
      return undefined;
    }
  };
  const cli = (require('../../package.json') as { version: string }).version;
  const core = installed('@rapport/core') ?? cli;
  const range = (name: RapportPackage) => `^${installed(name) ?? core}`;
  return {
    '@rapport/core': range('@rapport/core'),
    '@rapport/server': range('@rapport/server'),
    '@rapport/testing': range('@rapport/testing'),
  };
}

/** The scaffolded plugin's `package.json`: exports with types, files, engines, license, scripts. */
export function pluginManifest(names: PluginNames, rapport: RapportRanges): Record<string, unknown> {
  const inside = rapport['@rapport/core'] === 'workspace:*';
  const third = (name: keyof typeof THIRD_PARTY_VERSIONS) => {
    const version = THIRD_PARTY_VERSIONS[name];
    return inside || version.startsWith('^') ? version : `^${version}`;
  };
  return {
    name: names.packageName,
    version: '0.1.0',
    description: names.description,
    license: 'MIT',
    keywords: ['rapport', 'rapport-plugin', 'crm'],
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist', 'README.md'],
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'tsc --noEmit',
      test: 'vitest run',
      prepublishOnly: 'tsc -p tsconfig.build.json',
    },
    dependencies: {
      '@rapport/core': rapport['@rapport/core'],
      '@rapport/server': rapport['@rapport/server'],
      hono: third('hono'),
    },
    devDependencies: {
      '@rapport/testing': rapport['@rapport/testing'],
      '@types/node': third('@types/node'),
      typescript: third('typescript'),
      vitest: third('vitest'),
    },
  };
}
