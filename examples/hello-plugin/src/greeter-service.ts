import { createToken, KERNEL, type Kernel } from '@rapport/core';

/** Composes greetings; provided through DI so other plugins and tests can replace it. */
export interface Greeter {
  /** "Good morning, Ada!" before noon on the deployment's wall clock, "Hello, Ada!" after. */
  greet(name: string, language: string): string;
}

/** The token other code resolves the greeter by. */
export const GREETER = createToken<Greeter>('hello.greeter');

const WORDS: Record<string, [morning: string, day: string]> = {
  en: ['Good morning', 'Hello'],
  de: ['Guten Morgen', 'Hallo'],
  fr: ['Bonjour', 'Salut'],
  'zh-Hans': ['早上好', '你好'],
};

/** The hour (0–23) of an instant on the wall clock of an IANA time zone. */
function localHour(instant: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone });
  return Number(format.format(instant));
}

/**
 * The provider: a factory that depends on the kernel (its clock and time zone), so greetings are
 * testable at any hour and follow the deployment's wall clock rather than UTC.
 */
export const greeterProvider = {
  deps: { kernel: KERNEL },
  factory: ({ kernel }: { kernel: Kernel }): Greeter => ({
    greet(name, language) {
      const [morning, day] = WORDS[language] ?? WORDS.en ?? ['Hello', 'Hello'];
      const hour = localHour(kernel.clock.now(), kernel.timeZone);
      return `${hour < 12 ? morning : day}, ${name}!`;
    },
  }),
};
