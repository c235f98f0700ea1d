import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from './lazy-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('lazyChildLogger', () => {
  it('creates no child until it is used', () => {
    const { logger } = capture();
    const child = vi.spyOn(logger, 'child');
    lazyChildLogger(logger, { requestId: 'r1' });
    expect(child).not.toHaveBeenCalled();
  });

  it('logs with its bindings once used, and honours the level', () => {
    const { logger, lines } = capture();
    const lazy = lazyChildLogger(logger, { requestId: 'r2' });
    lazy.info({ status: 200 }, 'request');
    lazy.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'r2', status: 200, msg: 'request' });
    expect(lazy.level).toBe('info');
    expect(lazy.isLevelEnabled('debug')).toBe(false);
  });
});
