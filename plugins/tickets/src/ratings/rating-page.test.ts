import { afterEach, describe, expect, it } from 'vitest';
import type { Rating } from '../entities/rating.js';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS } from '../service.js';
import { bootTicketsServer, customer, seedSla } from '../test-support/boot.js';
import { ratingPath } from './rate-ticket.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function resolvedTicket(language: string) {
  const server = await bootTicketsServer();
  stop = () => server.t.stop();
  const { t } = server;
  await seedSla(t);
  const anna = await customer(t, { kind: 'person', name: 'Anna Schmidt', objective: { language } } as never);
  const ticket = await t
    .data<Ticket>('ticket')
    .create({ customerId: anna.id, type: 'repair', subject: 'Press 4 leaks oil' });
  await t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved', resolution: 'Seal replaced' });
  const path = ratingPath(await t.kernel.resolve(TICKETS).issueRatingLink(ticket.id));
  return { server, t, ticket, path };
}

describe('the public rating page', () => {
  it('asks on GET, refuses a missing score with the form again, and records one rating on POST', async () => {
    const { server, t, ticket, path } = await resolvedTicket('en');
    const page = await server.app.request(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Hello Anna, your request “Press 4 leaks oil”');
    expect(html).toContain('5 – very satisfied');
    expect(await t.data<Rating>('ticketRating').count({})).toBe(0); // GET records nothing
    const missing = await server.app.request(path, { method: 'POST', headers: FORM, body: 'score=9' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Please choose a score from 1 to 5.');
    const done = await server.app.request(path, {
      method: 'POST',
      headers: FORM,
      body: 'score=5&comment=Quick%20and%20friendly',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('We have your rating of 5 out of 5.');
    const ratings = await t.data<Rating>('ticketRating').find({});
    expect(ratings.items.map((r) => [r.ticketId, r.score, r.comment])).toEqual([
      [ticket.id, 5, 'Quick and friendly'],
    ]);
    // single-use: the link is gone, as a wrong one is
    expect((await server.app.request(path, { method: 'POST', headers: FORM, body: 'score=1' })).status).toBe(
      404,
    );
    expect((await server.app.request(path)).status).toBe(404);
    expect((await server.app.request('/p/tickets/rate/nonsense')).status).toBe(404);
  });

  it('answers in Chinese, and a low score reopens the ticket', async () => {
    const { server, t, ticket, path } = await resolvedTicket('zh-Hans');
    expect(await (await server.app.request(path)).text()).toContain('您对本次处理满意吗？');
    const done = await server.app.request(path, { method: 'POST', headers: FORM, body: 'score=1' });
    expect(await done.text()).toContain('我们已重新处理您的请求');
    expect((await t.data<Ticket>('ticket').get(ticket.id)).status).toBe('reopened');
  });
});
