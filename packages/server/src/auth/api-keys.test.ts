import { ValidationError } from '@rapport/core';
import { createTestKernel, type TestKernel } from '@rapport/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeys } from './api-key-entity.js';
import { createApiKey, MAX_API_KEYS } from './api-keys.js';

describe('API keys are bounded', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it(`refuses a key beyond the ${MAX_API_KEYS} a deployment holds`, async () => {
    t = await createTestKernel({ plugins: [apiKeys()] });
    await createApiKey(t.kernel, { name: 'first', roles: ['viewer'] });
    await t.store.transaction(async (tx) => {
      for (let i = 1; i < MAX_API_KEYS; i += 1) {
        await tx.insert('apiKey', {
          id: `k${i}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          version: 1,
          name: `k${i}`,
          keyId: `k${String(i).padStart(11, '0')}`,
          hash: '0'.repeat(64),
          roles: ['viewer'],
        });
      }
    });
    const error = await createApiKey(t.kernel, { name: 'one too many', roles: ['viewer'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(`holds ${MAX_API_KEYS} API keys`);
  });

  it('refuses attribute values and names over their bounds', async () => {
    t = await createTestKernel({ plugins: [apiKeys()] });
    const refused = (attributes: Record<string, string | number>) =>
      createApiKey(t.kernel, { name: 'k', roles: ['viewer'], attributes }).catch(
        (e: ValidationError) => e.errors,
      );
    expect(await refused({ team: 'n'.repeat(201) })).toEqual([
      expect.objectContaining({ path: 'attributes.team', rule: 'maxLength' }),
    ]);
    expect(await refused({ score: 2 ** 60 })).toEqual([
      expect.objectContaining({ path: 'attributes.score' }),
    ]);
    expect(await refused({ ['a'.repeat(65)]: 'x' })).toContainEqual(
      expect.objectContaining({ path: 'attributes', rule: 'maxLength' }),
    );
  });
});
