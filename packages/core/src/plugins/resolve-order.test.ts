import { describe, expect, it } from 'vitest';
import { dependsTransitively, resolvePluginOrder } from './resolve-order.js';

const node = (id: string, dependsOn: string[] = [], version = '1.0.0') => ({ id, version, dependsOn });
const optional = (id: string, optionalDependsOn: string[], dependsOn: string[] = []) => ({
  id,
  version: '1.0.0',
  dependsOn,
  optionalDependsOn,
});

describe('resolvePluginOrder', () => {
  it('puts dependencies first and keeps the given order otherwise', () => {
    const { order, failures } = resolvePluginOrder([
      node('sales', ['customers']),
      node('bsc'),
      node('customers'),
    ]);
    expect(failures).toEqual([]);
    expect(order.map((p) => p.id)).toEqual(['customers', 'sales', 'bsc']);
  });

  it('reports a duplicate with both versions', () => {
    const { failures } = resolvePluginOrder([node('sales', [], '1.0.0'), node('sales', [], '2.0.0')]);
    expect(failures).toEqual([
      {
        plugin: 'sales',
        phase: 'resolve',
        message: "plugin 'sales' is listed twice (versions 1.0.0 and 2.0.0)",
      },
    ]);
  });

  it('reports a missing dependency and leaves the plugin and its dependants out', () => {
    const { order, failures } = resolvePluginOrder([
      node('loyalty', ['sales']),
      node('sales', ['customers']),
      node('bsc'),
    ]);
    expect(failures.map((f) => f.message)).toEqual(["depends on 'customers', which is not installed"]);
    expect(order.map((p) => p.id)).toEqual(['bsc']);
  });

  it('reports a cycle with its path once', () => {
    const { order, failures } = resolvePluginOrder([
      node('a', ['b']),
      node('b', ['c']),
      node('c', ['a']),
      node('d'),
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toBe('dependency cycle: a -> b -> c -> a');
    expect(order.map((p) => p.id)).toEqual(['d']);
  });

  it('gathers every problem at once', () => {
    const { failures } = resolvePluginOrder([node('a', ['a']), node('b', ['zzz']), node('c'), node('c')]);
    expect(failures.map((f) => f.plugin).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('resolvePluginOrder with optional dependencies', () => {
  it('puts an installed optional dependency first', () => {
    const { order, failures } = resolvePluginOrder([optional('loyalty', ['sales']), node('sales')]);
    expect(failures).toEqual([]);
    expect(order.map((p) => p.id)).toEqual(['sales', 'loyalty']);
  });

  it('boots without an optional dependency that is not installed', () => {
    const { order, failures } = resolvePluginOrder([optional('loyalty', ['sales']), node('bsc')]);
    expect(failures).toEqual([]);
    expect(order.map((p) => p.id)).toEqual(['loyalty', 'bsc']);
  });

  it('reports a cycle through optional dependencies with its path, when both are installed', () => {
    const both = resolvePluginOrder([optional('tickets', ['loyalty']), optional('loyalty', ['tickets'])]);
    expect(both.failures.map((f) => f.message)).toEqual([
      'dependency cycle: tickets -(optional)-> loyalty -(optional)-> tickets',
    ]);
    expect(both.order).toEqual([]);
    const one = resolvePluginOrder([optional('tickets', ['loyalty'])]);
    expect(one.failures).toEqual([]);
  });

  it('reports an optional dependency on a plugin that depends on it back', () => {
    const { failures, order } = resolvePluginOrder([
      optional('loyalty', ['sales']),
      node('sales', ['loyalty']),
      node('bsc'),
    ]);
    expect(failures.map((f) => f.message)).toEqual([
      'dependency cycle: loyalty -(optional)-> sales -> loyalty',
    ]);
    expect(order.map((p) => p.id)).toEqual(['bsc']);
  });

  it('refuses a plugin listed both as a dependency and as an optional one', () => {
    const { failures } = resolvePluginOrder([optional('loyalty', ['sales'], ['sales']), node('sales')]);
    expect(failures).toEqual([
      {
        plugin: 'loyalty',
        phase: 'resolve',
        message: "lists 'sales' in both dependsOn and optionalDependsOn (keep one)",
      },
    ]);
  });
});

describe('dependsTransitively', () => {
  it('follows installed optional dependencies, and not absent ones', () => {
    const installed = new Map(
      [optional('loyalty', ['sales', 'tickets']), node('sales', ['customers']), node('customers')].map(
        (n) => [n.id, n],
      ),
    );
    expect(dependsTransitively(installed, 'loyalty', 'sales')).toBe(true);
    expect(dependsTransitively(installed, 'loyalty', 'customers')).toBe(true);
    expect(dependsTransitively(installed, 'loyalty', 'tickets')).toBe(false);
    expect(dependsTransitively(installed, 'sales', 'loyalty')).toBe(false);
  });

  it('follows dependencies through other plugins', () => {
    const map = new Map(
      [node('loyalty', ['sales']), node('sales', ['customers']), node('customers')].map((n) => [n.id, n]),
    );
    expect(dependsTransitively(map, 'loyalty', 'customers')).toBe(true);
    expect(dependsTransitively(map, 'customers', 'loyalty')).toBe(false);
  });
});
