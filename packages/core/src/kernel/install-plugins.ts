import type { Logger } from 'pino';
import type { JsonSchema } from '../entities/json-schema.js';
import type { SchemaCheck } from '../entities/schema-validator.js';
import type { BootFailure } from '../errors.js';
import type { PluginDefinition, PluginInstance } from '../plugins/define-plugin.js';
import { dependsTransitively, resolvePluginOrder } from '../plugins/resolve-order.js';
import type { KernelConfig } from './kernel-types.js';

/** A plugin that passed the resolve and options phases: what `register` and `start` get. */
export interface InstalledPlugin {
  definition: PluginDefinition<Record<string, unknown>>;
  /** Its options, checked against its schema with defaults applied. */
  options: Record<string, unknown>;
  logger: Logger;
  /** The plugins it lists that are installed: every `dependsOn`, and each installed `optionalDependsOn`. */
  present: ReadonlySet<string>;
  /** The plugins of its `optionalDependsOn` that are not installed. */
  absentOptional: readonly string[];
}

/** The plugins in boot order, and whether one depends on another. */
export interface Installation {
  installed: InstalledPlugin[];
  dependsOn(plugin: string, on: string): boolean;
}

/**
 * The resolve and options phases: orders the configured plugins by `dependsOn` and by the
 * installed ones of `optionalDependsOn` (a missing dependency or a cycle is a failure naming its
 * path; a missing optional dependency is none), then checks each plugin's options
 * against its schema (defaults applied) and runs its `checkOptions` for rules that span
 * options. A plugin with bad options is reported and left out, so boot stops after `register`.
 */
export function installPlugins(
  config: KernelConfig,
  compileSchema: (schema: JsonSchema) => SchemaCheck,
  logger: Logger,
  failures: BootFailure[],
): Installation {
  const instances = (config.plugins ?? []).map((p) => (typeof p === 'function' ? p() : p)) as PluginInstance<
    Record<string, unknown>
  >[];
  const { order, failures: orderFailures } = resolvePluginOrder(
    instances.map((instance) => ({
      ...instance,
      id: instance.definition.id,
      version: instance.definition.version,
      dependsOn: instance.definition.dependsOn ?? [],
      optionalDependsOn: instance.definition.optionalDependsOn ?? [],
    })),
  );
  failures.push(...orderFailures);
  const nodes = new Map(order.map((p) => [p.id, p]));

  const checked: Array<Omit<InstalledPlugin, 'present' | 'absentOptional'>> = [];
  for (const node of order) {
    const definition = node.definition as PluginDefinition<Record<string, unknown>>;
    const options = structuredClone(node.options ?? {}) as Record<string, unknown>;
    const problems = optionProblems(definition, options, compileSchema, failures);
    if (problems === undefined) continue;
    if (problems.length > 0) {
      failures.push({
        plugin: definition.id,
        phase: 'options',
        message: `invalid options: ${problems.join('; ')}`,
      });
      continue;
    }
    checked.push({ definition, options, logger: logger.child({ plugin: definition.id }) });
  }
  const ids = new Set(checked.map((plugin) => plugin.definition.id));
  const installed = checked.map((plugin): InstalledPlugin => {
    const { dependsOn = [], optionalDependsOn = [] } = plugin.definition;
    return {
      ...plugin,
      present: new Set([...dependsOn, ...optionalDependsOn.filter((id) => ids.has(id))]),
      absentOptional: optionalDependsOn.filter((id) => !ids.has(id)),
    };
  });
  return { installed, dependsOn: (plugin, on) => dependsTransitively(nodes, plugin, on) };
}

/** What is wrong with a plugin's options (empty when nothing); `undefined` when its schema does not compile. */
function optionProblems(
  definition: PluginDefinition<Record<string, unknown>>,
  options: Record<string, unknown>,
  compileSchema: (schema: JsonSchema) => SchemaCheck,
  failures: BootFailure[],
): string[] | undefined {
  if (definition.options) {
    try {
      const errors = compileSchema(definition.options)(options);
      if (errors.length > 0) return errors.map((e) => `${e.path || '(options)'} ${e.message}`);
    } catch (cause) {
      failures.push({
        plugin: definition.id,
        phase: 'options',
        message: `options schema does not compile: ${(cause as Error).message}`,
        cause,
      });
      return undefined;
    }
  }
  return definition.checkOptions?.(options) ?? [];
}
