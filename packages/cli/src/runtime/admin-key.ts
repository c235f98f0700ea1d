import { type Kernel, type Logger, SYSTEM_ACTOR } from '@rapport/core';
import { createApiKey } from '@rapport/server';

/** What {@link ensureAdminKey} did. */
export type AdminKeyOutcome =
  | { kind: 'existing' }
  | { kind: 'adopted'; keyId: string }
  | { kind: 'created'; key: string; keyId: string };

const KEY_ID = /^rk_([A-Za-z0-9]{12})_/;

/**
 * Makes sure a fresh deployment can be administered. When the key table is empty it adopts
 * `RAPPORT_ADMIN_KEY` as an admin key (scripted set-ups choose their key), or else creates one
 * and returns it so the caller prints it once. When keys exist nothing changes; a
 * `RAPPORT_ADMIN_KEY` that is not among them is reported with a warning, never added.
 */
export async function ensureAdminKey(
  kernel: Kernel,
  env: Record<string, string | undefined>,
  logger: Logger,
): Promise<AdminKeyOutcome> {
  const keys = kernel.data('apiKey', { actor: SYSTEM_ACTOR });
  const wanted = env.RAPPORT_ADMIN_KEY?.trim() || undefined;
  if ((await keys.count()) > 0) {
    const keyId = wanted ? KEY_ID.exec(wanted)?.[1] : undefined;
    if (wanted && (!keyId || (await keys.count({ keyId })) === 0)) {
      logger.warn(
        'RAPPORT_ADMIN_KEY is set but keys already exist and it is not one of them: it was not adopted',
      );
    }
    return { kind: 'existing' };
  }
  try {
    const created = await createApiKey(kernel, {
      name: wanted ? 'admin (RAPPORT_ADMIN_KEY)' : 'admin (first start)',
      roles: ['admin'],
      ...(wanted ? { key: wanted } : {}),
    });
    logger.info(
      { keyId: created.record.keyId },
      wanted ? 'adopted RAPPORT_ADMIN_KEY as an admin key' : 'created a first admin key',
    );
    return wanted
      ? { kind: 'adopted', keyId: created.record.keyId }
      : { kind: 'created', key: created.key, keyId: created.record.keyId };
  } catch (error) {
    // Another server process on the same database adopted the same key first.
    if ((error as { code?: unknown }).code === 'CONFLICT' && wanted) return { kind: 'existing' };
    throw error;
  }
}
