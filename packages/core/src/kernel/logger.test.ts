import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from './logger.js';

describe('REDACTED_PATHS', () => {
  it('blanks out passwords, hashes, session tokens, cookies and CSRF tokens wherever they are logged', () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      password: 'p1',
      user: { passwordHash: '$argon2id$x', csrfToken: 'c1' },
      body: { currentPassword: 'p2', newPassword: 'p3' },
      sessionToken: 't1',
      headers: { cookie: 'rapport_session=t2', 'set-cookie': 'rapport_session=t3', 'x-csrf-token': 'c2' },
      req: { headers: { cookie: 'rapport_session=t4', 'x-csrf-token': 'c3' } },
    });
    for (const secret of ['p1', '$argon2id$x', 'c1', 'p2', 'p3', 't1', 't2', 't3', 'c2', 't4', 'c3']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
