import { Writable } from 'node:stream';
import { createTestKernel } from '@rapport/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { people } from './people-plugin.js';

/** A logger that keeps each line's message and plugin, for asserting on lifecycle logs. */
function capturingLogger() {
  const lines: Array<{ msg: string; plugin?: string; greetings?: number }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('start, stop and the kernel phase hooks', () => {
  it('starts after the store is open (reading it), taps ready, and stops at shutdown', async () => {
    const { logger, lines } = capturingLogger();
    const t = await createTestKernel({ plugins: [people(), hello()], logger });
    const messages = () => lines.map((line) => line.msg);
    expect(lines.find((line) => line.msg === 'hello started')).toMatchObject({ greetings: 0 });
    expect(messages()).toContain('hello: kernel ready');
    expect(messages()).not.toContain('hello stopped');
    await t.stop();
    expect(messages()).toContain('hello stopped');
    expect(messages().indexOf('hello started')).toBeLessThan(messages().indexOf('hello stopped'));
  });
});
