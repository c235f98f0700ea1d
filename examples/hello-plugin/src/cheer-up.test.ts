import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { Greeting } from './greeting-entity.js';
import { hello } from './hello-plugin.js';
import { type Mood, mood } from './mood-plugin.js';
import { type Person, people } from './people-plugin.js';

describe('the optional mood plugin', () => {
  it('boots before hello when installed (in any list order) and gets sad people a cheer-up', async () => {
    const t = await createTestKernel({ plugins: [hello(), mood(), people()] });
    try {
      expect(t.kernel.plugins.map((p) => p.id)).toEqual(['people', 'mood', 'hello']);
      const ada = await t.data<Person>('person').create({ name: 'Ada', language: 'fr' });
      const sad = await t.data<Mood>('mood').create({ personId: ada.id, feeling: 'sad' });
      await t.data<Mood>('mood').create({ personId: ada.id, feeling: 'happy' });
      await t.settle();
      const { items } = await t
        .data<Greeting>('greeting')
        .find({ where: { personId: ada.id }, sort: ['createdAt', 'text'] });
      expect(items.map((g) => g.text).sort()).toEqual([
        'Bonjour, Ada!',
        'Courage, Ada — nous sommes là pour vous.',
      ]);
      expect(await t.data('mood').get(sad.id)).toMatchObject({ cheeredUp: true });
    } finally {
      await t.stop();
    }
  });

  it('is not needed: without it hello boots, and nothing of mood exists', async () => {
    const t = await createTestKernel({ plugins: [people(), hello()] });
    try {
      expect(t.kernel.plugins.map((p) => p.id)).toEqual(['people', 'hello']);
      expect(t.kernel.entities.has('mood')).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
