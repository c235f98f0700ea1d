import type { RegisterContext } from '@rapport/core';
import type { HelloOptions } from './options.js';
import { HELLO_PLUGIN_ID } from './plugin-id.js';

/** The role of people who look after their own people and send them rating links. */
export const GREETER_ROLE = 'greeter';

const SEE_ALL = ['admin', 'manager'];

/**
 * Roles and record rules: a `greeter` reads and adds people, reads greetings and issues rating
 * links (`greeting:link`, a custom action), but sees only the people and greetings they own; a
 * manager also issues links and reads the company-wide `hello.averageRating` (`greeting:report`).
 * The rules apply to lists, counts, aggregates and metrics computed as the caller alike.
 */
export function declareAccess(ctx: RegisterContext<HelloOptions>): void {
  ctx.access.grant(GREETER_ROLE, [
    'person:read',
    'person:create',
    'greeting:read',
    'greeting:link',
    'metric:read',
  ]);
  ctx.access.grant('manager', ['greeting:link', 'greeting:report']);
  for (const entity of ['person', 'greeting']) {
    ctx.access.rule({
      id: `${HELLO_PLUGIN_ID}.ownRecords.${entity}`,
      entity,
      where: (actor) =>
        actor.roles.includes(GREETER_ROLE) && !actor.roles.some((role) => SEE_ALL.includes(role))
          ? { ownerId: actor.id }
          : undefined,
    });
  }
}
