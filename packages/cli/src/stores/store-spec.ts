import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DataStore, memoryStore, RapportError } from '@rapport/core';
import { UsageError } from '../errors.js';

/** A parsed store spec: `config`, `memory`, `lowdb:<dir>` or `postgres:<url>`. */
export type StoreSpec =
  | { kind: 'config' }
  | { kind: 'memory' }
  | { kind: 'lowdb'; dir: string }
  | { kind: 'postgres'; url: string };

/** The forms a store spec may take, for help texts and errors. */
export const STORE_SPEC_FORMS = 'config, memory, lowdb:<dir>, postgres:<url>';

/** Parses a store spec; a usage error names the accepted forms. */
export function parseStoreSpec(text: string): StoreSpec {
  if (text === 'config') return { kind: 'config' };
  if (text === 'memory') return { kind: 'memory' };
  if (text.startsWith('lowdb:') && text.length > 'lowdb:'.length)
    return { kind: 'lowdb', dir: text.slice('lowdb:'.length) };
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', url: text };
  if (text.startsWith('postgres:') && text.length > 'postgres:'.length) {
    return { kind: 'postgres', url: text.slice('postgres:'.length) };
  }
  throw new UsageError(`unknown store ${JSON.stringify(text)}: use ${STORE_SPEC_FORMS}`);
}

/** A spec for messages, with any password in a URL masked. */
export function describeStoreSpec(spec: StoreSpec): string {
  if (spec.kind === 'lowdb') return `lowdb:${spec.dir}`;
  if (spec.kind === 'postgres') return `postgres:${spec.url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')}`;
  return spec.kind;
}

/**
 * Imports an optional store package, first from the deployment (`cwd`), then from the CLI's own
 * dependencies, so the CLI does not depend on every store. A missing package says what to install.
 */
export async function importStorePackage(name: string, cwd: string): Promise<Record<string, unknown>> {
  let resolved: string | undefined;
  try {
    resolved = createRequire(join(cwd, 'package.json')).resolve(name);
  } catch {
    resolved = undefined;
  }
  try {
    return (await import(resolved ? pathToFileURL(resolved).href : name)) as Record<string, unknown>;
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    if (missing && !resolved && String((cause as Error).message).includes(name)) {
      throw new RapportError(
        'STORE_PACKAGE_MISSING',
        `this store needs the package ${name}: run \`pnpm add ${name}\` (or npm install ${name}) in the deployment`,
        {
          cause,
        },
      );
    }
    throw cause;
  }
}

function factoryOf(
  module: Record<string, unknown>,
  name: string,
  pkg: string,
): (options: Record<string, unknown>) => DataStore {
  const factory = module[name];
  if (typeof factory !== 'function') {
    throw new RapportError(
      'STORE_PACKAGE_INVALID',
      `${pkg} does not export ${name}(): is it an up-to-date version?`,
    );
  }
  return factory as (options: Record<string, unknown>) => DataStore;
}

/**
 * Makes the store a spec names: `memory` (a throw-away store: a dry run), `lowdb:<dir>`
 * (`@rapport/store-lowdb`), `postgres:<url>` (`@rapport/store-postgres`), or the config's own
 * store via `fromConfig`.
 */
export async function createStoreFromSpec(
  spec: StoreSpec,
  cwd: string,
  fromConfig: () => DataStore,
): Promise<DataStore> {
  switch (spec.kind) {
    case 'config':
      return fromConfig();
    case 'memory':
      return memoryStore();
    case 'lowdb': {
      const module = await importStorePackage('@rapport/store-lowdb', cwd);
      return factoryOf(module, 'lowdbStore', '@rapport/store-lowdb')({ dir: resolve(cwd, spec.dir) });
    }
    case 'postgres': {
      const module = await importStorePackage('@rapport/store-postgres', cwd);
      return factoryOf(module, 'postgresStore', '@rapport/store-postgres')({ url: spec.url });
    }
  }
}
