import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Person } from '../people-plugin.js';

/** The demo people: names and languages a reader recognises, in a fixed order. */
export const DEMO_PEOPLE: readonly Person[] = [
  { name: 'Ada Lovelace', email: 'ada@example.com', language: 'en' },
  { name: 'Grace Hopper', language: 'en' },
  { name: 'Emmy Noether', email: 'emmy@example.com', language: 'de' },
  { name: 'Marie Curie', email: 'marie@example.com', language: 'fr' },
  { name: '屠呦呦', email: 'tu@example.com', language: 'zh-Hans' },
];

/** Options of {@link seedHelloDemo}. */
export interface SeedHelloOptions {
  /** The owner (a user id) of the demo people; none when not given. */
  ownerId?: string;
  /** Seed even when people exist (default false: a no-op then). */
  force?: boolean;
}

/** What {@link seedHelloDemo} wrote. */
export interface SeedHelloReport {
  skipped: boolean;
  people: number;
}

/**
 * Writes the demo people through the data API as the system (so every hook runs: each gets a
 * greeting once the kernel delivers its event). A no-op when people exist, unless `force`.
 */
export async function seedHelloDemo(
  kernel: Kernel,
  options: SeedHelloOptions = {},
): Promise<SeedHelloReport> {
  const people = kernel.data<Person>('person', { actor: SYSTEM_ACTOR });
  if (!options.force && (await people.count()) > 0) return { skipped: true, people: 0 };
  await kernel.transaction(async (tx) => {
    const repo = tx.data<Person>('person', { actor: SYSTEM_ACTOR });
    for (const person of DEMO_PEOPLE) {
      await repo.create(options.ownerId ? { ...person, ownerId: options.ownerId } : { ...person });
    }
  });
  return { skipped: false, people: DEMO_PEOPLE.length };
}
