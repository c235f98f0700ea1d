import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../test-support/cli-harness.js';
import { pluginNames } from './plugin-names.js';
import { defaultPluginDir } from './scaffold-plugin.js';

describe('pluginNames', () => {
  it('derives the plugin id, constants, title and sample entity from the package name', () => {
    expect(pluginNames('@acme/rapport-plugin-warranty-claims')).toEqual({
      packageName: '@acme/rapport-plugin-warranty-claims',
      folderName: 'rapport-plugin-warranty-claims',
      pluginId: 'warrantyClaims',
      PLUGIN_CONST: 'WARRANTY_CLAIMS',
      PluginTitle: 'Warranty claims',
      entity: 'warrantyClaimsItem',
      entityPlural: 'warrantyClaimsItems',
      entityPath: 'warranty-claims-items',
      EntityType: 'WarrantyClaimsItem',
      description: 'Warranty claims: a Rapport plugin.',
    });
    expect(pluginNames('plugin-nps').pluginId).toBe('nps');
    expect(pluginNames('nps2.survey').pluginId).toBe('nps2Survey');
    expect(pluginNames('rapport-plugin-').pluginId).toBe('rapportPlugin');
  });

  it('refuses names npm refuses for new packages, as a usage error naming the rule', () => {
    expect(() => pluginNames('UPPER')).toThrow(
      "'UPPER' is not a valid npm package name: name can no longer contain capital letters",
    );
    expect(() => pluginNames('a'.repeat(215))).toThrow('name can no longer contain more than 214 characters');
    expect(() => pluginNames('')).toThrow('name length must be greater than zero');
    expect(() => pluginNames('http')).toThrow('http is a core module name');
  });
});

describe('defaultPluginDir', () => {
  it('is plugins/<name> inside the repository, else <name> in the current folder', () => {
    expect(defaultPluginDir(PACKAGE_ROOT, '@acme/loyalty-plus')).toBe(
      resolve(PACKAGE_ROOT, '../../plugins/loyalty-plus'),
    );
    expect(defaultPluginDir('/', 'x-y')).toBe('/x-y');
  });
});
