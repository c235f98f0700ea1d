import 'reflect-metadata';
import { inject, injectable } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { BootError } from '../errors.js';
import { CLOCK, LOGGER } from '../kernel/kernel-tokens.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import type { Clock } from '../util/clock.js';
import { createToken } from './tokens.js';

interface Counter {
  next(): number;
}
const COUNTER = createToken<Counter>('di.counter');
const GREETER = createToken<{ greet(name: string): string; at: number }>('di.greeter');

@injectable()
class Greeter {
  constructor(
    @inject(COUNTER) private readonly counter: Counter,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}
  get at(): number {
    return this.clock.now();
  }
  greet(name: string): string {
    return `hello ${name} #${this.counter.next()}`;
  }
}

const diPlugin = definePlugin({
  id: 'di',
  version: '1',
  register(ctx) {
    ctx.services.provide(COUNTER, {
      deps: { logger: LOGGER },
      factory: ({ logger }) => {
        let n = 0;
        expect(typeof logger.info).toBe('function');
        return { next: () => ++n };
      },
    });
    ctx.services.provide(GREETER, { useClass: Greeter });
  },
});

describe('dependency injection', () => {
  it('resolves factories with explicit deps and classes with @inject, as singletons', async () => {
    const { kernel, clock } = await bootKernel({ plugins: [diPlugin()] });
    const greeter = kernel.resolve(GREETER);
    expect(greeter.greet('Ada')).toBe('hello Ada #1');
    expect(kernel.resolve(GREETER).greet('Bob')).toBe('hello Bob #2');
    expect(greeter.at).toBe(clock.now());
  });

  it('keeps two kernels in one process apart', async () => {
    const one = await bootKernel({ plugins: [diPlugin()] });
    const two = await bootKernel({ plugins: [diPlugin()] });
    expect(one.kernel.resolve(COUNTER).next()).toBe(1);
    expect(one.kernel.resolve(COUNTER).next()).toBe(2);
    expect(two.kernel.resolve(COUNTER).next()).toBe(1);
    expect(one.kernel.resolve(COUNTER)).not.toBe(two.kernel.resolve(COUNTER));
  });

  it('reports a missing provider, a duplicate provider and a cycle with its path', async () => {
    const A = createToken<number>('x.a');
    const B = createToken<number>('x.b');
    const MISSING = createToken<number>('x.missing');
    const broken = definePlugin({
      id: 'x',
      version: '1',
      register(ctx) {
        ctx.services.provide(A, { deps: { b: B }, factory: ({ b }) => b + 1 });
        ctx.services.provide(B, { deps: { a: A }, factory: ({ a }) => a + 1 });
        ctx.services.provide(COUNTER, { deps: { m: MISSING }, factory: () => ({ next: () => 0 }) });
        ctx.services.provide(CLOCK, { value: { now: () => 0 } });
      },
    });
    const error = (await bootKernel({ plugins: [customersPlugin(), broken()] }).catch((e) => e)) as BootError;
    expect(error).toBeInstanceOf(BootError);
    expect(error.failures.map((f) => f.message)).toEqual([
      "service 'kernel.clock' is already provided by 'kernel'",
      "service 'di.counter' depends on 'x.missing', which nobody provides",
      'services depend on each other in a cycle: x.a -> x.b -> x.a',
    ]);
  });

  it('refuses a class whose constructor parameters lack @inject', async () => {
    class Bare {
      constructor(readonly clock: Clock) {}
    }
    const bare = definePlugin({
      id: 'bare',
      version: '1',
      register: (ctx) => ctx.services.provide(createToken<Bare>('bare.thing'), { useClass: Bare }),
    });
    const error = (await bootKernel({ plugins: [bare()] }).catch((e) => e)) as BootError;
    expect(error.failures[0]?.message).toBe(
      "class Bare for 'bare.thing' needs @inject(TOKEN) on constructor parameter(s) 0",
    );
  });
});
