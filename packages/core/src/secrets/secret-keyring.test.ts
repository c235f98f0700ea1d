import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel/create-kernel.js';
import { REDACTED_PATHS } from '../kernel/logger.js';
import { memoryStore } from '../store/memory-store.js';
import { bootKernel } from '../test-support/boot.js';
import { SECRETS_COLLECTION } from './secret-collection.js';
import { parseSecretKeyring } from './secret-keyring.js';

const LONG = `${'x'.repeat(24)}Secret42`;
const OTHER = `${'y'.repeat(24)}Secret43`;

/** A pino logger writing into `lines`, with the kernel's redaction. */
function capture(lines: string[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
}

describe('the server secret as configured', () => {
  it('reads one bare secret as key k0, and kid:secret pairs newest first', () => {
    expect(parseSecretKeyring(LONG)).toEqual([{ kid: 'k0', secret: LONG }]);
    expect(parseSecretKeyring(` k2:${OTHER} , k1:${LONG} `)).toEqual([
      { kid: 'k2', secret: OTHER },
      { kid: 'k1', secret: LONG },
    ]);
  });

  it('names what is wrong without ever showing the secret', () => {
    const problems = [
      ['', 'the server secret is empty'],
      ['short', 'entry 1 is 5 characters long; it needs at least 32'],
      [`k1:${LONG},${OTHER}`, 'entry 2 of the server secret must be kid:secret'],
      [`k1:${LONG},k1:${OTHER}`, "names key id 'k1' twice"],
      [`k1:${LONG},k2:tooShortSecret`, 'the secret of entry 2 is 14 characters long'],
    ] as const;
    for (const [text, message] of problems) {
      let error: Error | undefined;
      try {
        parseSecretKeyring(text);
      } catch (caught) {
        error = caught as Error;
      }
      expect(error?.message).toContain(message);
      expect((error as { code?: string }).code).toBe('INVALID_SECRET');
      for (const secret of [LONG, OTHER, 'tooShortSecret']) expect(error?.message).not.toContain(secret);
    }
  });

  it('makes a malformed secret a boot error of the config phase', async () => {
    await expect(createKernel({ store: memoryStore(), secret: 'k1:short' })).rejects.toMatchObject({
      code: 'BOOT_FAILED',
      failures: [{ plugin: 'kernel', phase: 'config', message: expect.stringContaining('at least 32') }],
    });
  });

  it('never logs it: not the configured one, not the stored one', async () => {
    const lines: string[] = [];
    const logger = capture(lines);
    const { kernel } = await bootKernel({ logger });
    const stored = kernel.store;
    const secret = await stored.transaction(async (tx) => tx.get(SECRETS_COLLECTION, 'server'));
    const value = (secret?.keys as Array<{ secret: string }> | undefined)?.[0]?.secret as string;
    logger.info(
      { secret: LONG, config: { secret: LONG }, env: { RAPPORT_SECRET: LONG }, row: secret },
      'dump',
    );
    logger.info({ keys: secret?.keys, RAPPORT_SECRET: LONG }, 'dump again');
    await kernel.stop();
    const output = lines.join('');
    expect(output).toContain('dump again');
    expect(output).not.toContain(LONG);
    expect(output).not.toContain(value);
  });
});
