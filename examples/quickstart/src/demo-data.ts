import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Person } from '@rapport/example-hello-plugin';

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Tim'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Hamilton',
  'Berners-Lee',
];
const LANGUAGES: Array<Person['language']> = ['en', 'de', 'fr'];

/** Seeds `count` people deterministically (same input, same data), once: a no-op when people exist. */
export async function seedDemoData(kernel: Kernel, count = 30): Promise<number> {
  const repo = kernel.data<Person>('person', { actor: SYSTEM_ACTOR });
  if ((await repo.count()) > 0) return 0;
  for (let i = 0; i < count; i += 1) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const person: Person = { name: `${first} ${last}`, language: LANGUAGES[i % LANGUAGES.length] ?? 'en' };
    if (i % 4 !== 0) person.email = `${first}.${last}${i}@example.com`.toLowerCase();
    await repo.create(person);
  }
  await kernel.events.drain();
  return count;
}
