import { type Actor, memoryStore } from '@rapport/core';
import { pino } from 'pino';
import { composeQuickstart } from './compose.js';
import { seedDemoData } from './demo-data.js';

// Until the HTTP server lands, the quickstart runs in-process and prints what it did.
const logger = pino({ level: process.env.RAPPORT_LOG_LEVEL ?? 'warn' });
const kernel = await composeQuickstart(memoryStore(), logger);
await kernel.start();
const admin: Actor = { id: 'quickstart-admin', kind: 'user', roles: ['admin'] };

const seeded = await seedDemoData(kernel);
const people = kernel.data('person', { actor: admin });
const greetings = kernel.data('greeting', { actor: admin });
const page = await people.find({
  where: { language: 'de' },
  sort: ['name'],
  limit: 5,
  fields: ['name', 'email'],
});
const byLanguage = await people.aggregate({ groupBy: ['language'], measures: { people: 'count' } });
const byChannel = await greetings.aggregate({ groupBy: ['channel'], measures: { greetings: 'count' } });
const now = kernel.clock.now();
const metric = await kernel.metrics.compute('hello.greetingsSent', { from: now - 86_400_000, to: now + 1 });

console.log(`Rapport quickstart — plugins: ${kernel.plugins.map((p) => `${p.id}@${p.version}`).join(', ')}`);
console.log(
  `Seeded ${seeded} people; ${await greetings.count()} greetings were written by the hello plugin's event handler.`,
);
console.log('\nFirst German speakers (find with where, sort, limit, fields):');
for (const person of page.items) console.log(`  ${person.name} <${person.email ?? 'no email'}>`);
console.log(`  next page cursor: ${page.nextCursor ? 'yes' : 'none'}`);
console.log('\nPeople by language (aggregate):', byLanguage);
console.log('Greetings by channel (aggregate):', byChannel);
console.log(`Metric hello.greetingsSent over the last day: ${metric.value}`);
const audit = await kernel.audit({ sort: ['-at'], limit: 3 }, { actor: admin });
console.log(
  `\nLatest audit records: ${audit.items.map((a) => `${a.action} ${a.entity} by ${a.actorId}`).join('; ')}`,
);
await kernel.stop();
