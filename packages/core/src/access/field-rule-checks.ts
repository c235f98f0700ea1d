import type { CompiledEntity } from '../entities/entity-registry.js';
import { isSystemField } from '../entities/system-fields.js';
import type { BootFailure } from '../errors.js';
import { fieldTypeAt } from '../query/field-path.js';
import type { AccessControl } from './access-control.js';

/**
 * The boot failures of the declared field rules: a role nobody grants, an entity no plugin
 * defines, a path the entity's schema does not have, or a system field (`id`, `version`, ...),
 * each attributed to the plugin (or `config`) that declared it.
 */
export function fieldRuleFailures(
  access: AccessControl,
  entities: ReadonlyMap<string, CompiledEntity>,
): BootFailure[] {
  const failures: BootFailure[] = [];
  for (const { role, entity, hidden, readOnly, by } of access.fieldRules()) {
    const fail = (message: string) =>
      failures.push({ plugin: by === 'config' ? 'kernel' : by, phase: 'compile', message });
    const where = `field rule of role '${role}' on '${entity}'`;
    if (!access.hasRole(role)) fail(`${where}: no plugin or config grants role '${role}' anything`);
    const compiled = entities.get(entity);
    if (!compiled) {
      fail(`${where}: there is no entity '${entity}'`);
      continue;
    }
    for (const [kind, paths] of [
      ['hidden', hidden],
      ['readOnly', readOnly],
    ] as const) {
      for (const path of paths) {
        if (isSystemField(path.split('.')[0] as string)) {
          fail(`${where}: ${kind} '${path}' is a system field, which every caller sees and none writes`);
        } else if (fieldTypeAt(compiled.schema, path) === undefined) {
          fail(`${where}: ${kind} '${path}' is not a field of '${entity}'`);
        }
      }
    }
  }
  return failures;
}
