import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormat, REDACTED_PATHS } from './logger.js';

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

/** A stream that keeps what was written, claiming to be a terminal or not. */
function captured(isTTY: boolean): { stream: Writable & { isTTY: boolean }; text: () => string } {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

describe('logFormat', () => {
  it('is pretty on a terminal in development and JSON elsewhere, unless RAPPORT_LOG_FORMAT says', () => {
    expect(logFormat({ write: () => true, isTTY: true }, {})).toBe('pretty');
    expect(logFormat({ write: () => true, isTTY: true }, { NODE_ENV: 'production' })).toBe('json');
    expect(logFormat({ write: () => true }, {})).toBe('json');
    expect(logFormat({ write: () => true }, { RAPPORT_LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(logFormat({ write: () => true, isTTY: true }, { RAPPORT_LOG_FORMAT: 'JSON' })).toBe('json');
  });
});

describe('createLogger', () => {
  it('writes JSON lines when the destination is not a terminal', () => {
    const sink = captured(false);
    createLogger('info', { destination: sink.stream, env: {} }).info({ password: 'hunter2', n: 1 }, 'hello');
    const line = JSON.parse(sink.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'hello', n: 1, password: '[redacted]', name: 'rapport' });
  });

  it('pretty-prints on a terminal in development, secrets still redacted', () => {
    const sink = captured(true);
    const logger = createLogger('info', { destination: sink.stream, env: {} });
    logger.info({ token: 'tok-secret', headers: { authorization: 'Bearer abc' }, deal: 'd1' }, 'deal won');
    const text = sink.text();
    expect(text).toContain('deal won');
    expect(text).toContain('INFO');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('tok-secret');
    expect(text).not.toContain('Bearer abc');
    expect(() => JSON.parse(text)).toThrow();
  });
});
