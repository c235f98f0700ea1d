import { type MessageCatalogue, SYSTEM_ACTOR } from '@rapport/core';
import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Person } from './people-plugin.js';

/** The link purpose of rating a greeting: single-use, for two weeks. */
export const HELLO_RATE = 'hello.rate';

/** A greeting's rating, as the page stores it. */
interface Rated {
  personId: string;
  rating?: number;
  ratedAt?: string;
}

/** The messages of the rating page, in English and Simplified Chinese (ICU MessageFormat). */
export const HELLO_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'How did we greet you, {name}?',
      question: 'Your rating',
      star: '{n, plural, one {# star} other {# stars}}',
      send: 'Send my rating',
      missing: 'Please choose from 1 to 5 stars.',
      thanks: 'Thank you!',
      thanksText: 'You gave us {n, plural, one {# star} other {# stars}}.',
    },
    'zh-Hans': {
      title: '{name}，您对我们的问候满意吗？',
      question: '您的评分',
      star: '{n} 星',
      send: '提交评分',
      missing: '请选择 1 到 5 星。',
      thanks: '谢谢！',
      thanksText: '您给了我们 {n} 星。',
    },
  },
};

const STARS = [1, 2, 3, 4, 5];

/**
 * The public rating page at `/p/hello/rate/<token>`: GET shows a form in the person's language
 * (or the browser's), POST stores the rating and uses the single-use token up in the same
 * transaction. Any token that does not work gets the server's one 404 page.
 */
export function ratingRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  const show = async (c: { var: PublicEnv['Variables'] }, greetingId: string, error?: boolean) => {
    const kernel = c.var.kernel;
    const greeting = await kernel.data<Rated>('greeting', { actor: SYSTEM }).get(greetingId);
    const person = await kernel.data<Person>('person', { actor: SYSTEM }).get(greeting.personId);
    const page = c.var.pages.page(person.language);
    return page.render({
      title: page.t('title', { name: person.name }),
      status: error ? 400 : 200,
      body: page.form({
        submit: page.t('send'),
        body: html`${page.choice({
          name: 'rating',
          legend: page.t('question'),
          choices: STARS.map((n) => ({ value: String(n), label: page.t('star', { n }) })),
          required: true,
          ...(error ? { error: page.t('missing') } : {}),
        })}`,
      }),
    });
  };

  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: HELLO_RATE });
    return show(c, grant.recordId);
  });

  app.post('/:token', async (c) => {
    const rating = Number((await c.req.parseBody()).rating);
    if (!STARS.includes(rating))
      return show(c, (await c.var.links.verify({ purpose: HELLO_RATE })).recordId, true);
    const kernel = c.var.kernel;
    const personId = await kernel.transaction(async (tx) => {
      const grant = await c.var.links.consume({ purpose: HELLO_RATE });
      const greeting = await tx
        .data<Rated>('greeting', { actor: grant.actor })
        .update(grant.recordId, { rating, ratedAt: new Date(kernel.clock.now()).toISOString() });
      return greeting.personId;
    });
    const person = await kernel.data<Person>('person', { actor: SYSTEM }).get(personId);
    const page = c.var.pages.page(person.language);
    return page.message({ title: page.t('thanks'), text: page.t('thanksText', { n: rating }) });
  });
  return app;
}

/** Reads for the page act as the system: the link token, checked first, is the authority. */
const SYSTEM = SYSTEM_ACTOR;
