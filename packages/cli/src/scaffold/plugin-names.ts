import { kebabCase } from '@rapport/core';
import validatePackageName from 'validate-npm-package-name';
import { UsageError } from '../errors.js';

/** The names a scaffolded plugin uses, all derived from its package name. */
export interface PluginNames {
  /** The npm package name: `@acme/rapport-plugin-warranty-claims`. */
  packageName: string;
  /** The package name without its scope: the default folder name (`rapport-plugin-warranty-claims`). */
  folderName: string;
  /** The plugin id and its factory's name: `warrantyClaims`. */
  pluginId: string;
  /** For constants: `WARRANTY_CLAIMS` (`WARRANTY_CLAIMS_PLUGIN_ID`). */
  PLUGIN_CONST: string;
  /** For people: `Warranty claims`. */
  PluginTitle: string;
  /** The sample entity: `warrantyClaimsItem`, `warrantyClaimsItems`, type `WarrantyClaimsItem`. */
  entity: string;
  entityPlural: string;
  /** Where the server mounts the entity's routes, under `/api/`: `warranty-claims-items`. */
  entityPath: string;
  EntityType: string;
  description: string;
}

/** Prefixes dropped from the unscoped package name to get the plugin id. */
const PREFIXES = ['rapport-plugin-', 'plugin-'];
const PLUGIN_ID = /^[a-z][A-Za-z0-9]*$/;

/** Words the plugin id cannot be: JavaScript's reserved words and the names the template imports. */
const RESERVED = new Set(
  [
    'await break case catch class const continue debugger default delete do else enum export extends',
    'false finally for function if implements import in instanceof interface let new null package',
    'private protected public return static super switch this throw true try typeof var void while',
    'with yield arguments eval undefined',
    'definePlugin declareViews tapItemRules createTestKernel createTestServer describe expect it afterEach',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Checks `name` by npm's package name rules (as `validate-npm-package-name` states them for new
 * packages) and derives the plugin id and the other names from it; a bad name is a usage error
 * naming the rule it breaks.
 */
export function pluginNames(name: string): PluginNames {
  const verdict = validatePackageName(name);
  const problems = [...(verdict.errors ?? []), ...(verdict.warnings ?? [])];
  if (problems.length > 0) {
    throw new UsageError(`'${name}' is not a valid npm package name: ${problems.join('; ')}`, {
      rule: 'npm package name',
      problems,
    });
  }
  const folderName = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  const prefix = PREFIXES.find((p) => folderName.startsWith(p) && folderName.length > p.length);
  const base = prefix ? folderName.slice(prefix.length) : folderName;
  const words = base.split(/[-._~]+/).filter((word) => word !== '');
  const pluginId = words.map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  if (!PLUGIN_ID.test(pluginId) || RESERVED.has(pluginId)) {
    throw new UsageError(
      `'${name}' gives the plugin id '${pluginId}', which must start with a letter, hold only letters and digits after the words are joined, and not be a JavaScript reserved word (${[...PREFIXES].join(', ')} and a scope are dropped first)`,
      { rule: 'plugin id', pluginId },
    );
  }
  const Pascal = pluginId[0]!.toUpperCase() + pluginId.slice(1);
  const PluginTitle = words.join(' ').replace(/^./, (c) => c.toUpperCase());
  return {
    packageName: name,
    folderName,
    pluginId,
    PLUGIN_CONST: pluginId.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(),
    PluginTitle,
    entity: `${pluginId}Item`,
    entityPlural: `${pluginId}Items`,
    entityPath: kebabCase(`${pluginId}Items`),
    EntityType: `${Pascal}Item`,
    description: `${PluginTitle}: a Rapport plugin.`,
  };
}
