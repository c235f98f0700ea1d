import { CLOCK, createToken } from '@rapport/core';

/** Composes greetings; provided through DI so other plugins and tests can replace it. */
export interface Greeter {
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

/** The provider: depends on the kernel clock, so greetings are testable at any hour. */
export const greeterProvider = {
  deps: { clock: CLOCK },
  factory: ({ clock }: { clock: { now(): number } }): Greeter => ({
    greet(name, language) {
      const [morning, day] = WORDS[language] ?? WORDS.en ?? ['Hello', 'Hello'];
      const hour = new Date(clock.now()).getUTCHours();
      return `${hour < 12 ? morning : day}, ${name}!`;
    },
  }),
};
