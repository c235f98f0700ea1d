import { describe, expect, it } from 'vitest';
import { dependsTransitively, resolvePluginOrder } from './resolve-order.js';

const node = (id: string, dependsOn: string[] = [], version = '1.0.0') => ({ id, version, dependsOn });

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

describe('dependsTransitively', () => {
  it('follows dependencies through other plugins', () => {
    const map = new Map(
      [node('loyalty', ['sales']), node('sales', ['customers']), node('customers')].map((n) => [n.id, n]),
    );
    expect(dependsTransitively(map, 'loyalty', 'customers')).toBe(true);
    expect(dependsTransitively(map, 'customers', 'loyalty')).toBe(false);
  });
});
