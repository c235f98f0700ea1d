import { users } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { TICKETS } from '../service.js';
import { bootTicketsServer, customer, seedSla } from '../test-support/boot.js';
import { firstNameOf, progressOutlook } from './progress-view.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function boot(language: string) {
  const server = await bootTicketsServer({
    plugins: [users()],
    options: { publicUrl: 'https://crm.example.com/' },
    timeZone: 'Europe/Berlin',
    keys: {
      agent: { roles: ['agent'], attributes: { teams: 'repairs' } },
      otherAgent: { roles: ['agent'], attributes: { teams: 'desk' } },
      viewer: ['viewer'],
    },
  });
  stop = () => server.t.stop();
  const { t } = server;
  await seedSla(t);
  const lena = await t
    .data('user')
    .create({ name: 'Lena Vogt', email: 'lena@desk.example', roles: ['agent'] });
  const anna = await customer(t, {
    kind: 'person',
    name: 'Anna Schmidt',
    objective: { language },
  } as never);
  const ticket = await t.data<Ticket>('ticket').create({
    customerId: anna.id,
    type: 'repair',
    subject: 'Press 4 leaks oil',
    team: 'repairs',
    promisedBy: '2026-06-05',
  });
  await t.advance('20m');
  const asLena = t.actor(['agent'], { teams: ['repairs'] }, lena.id as string);
  await t.data<TicketReply>('ticketReply', asLena).create({
    ticketId: ticket.id,
    author: 'agent',
    body: 'A technician comes on Thursday.\nPlease keep the press off.',
    channel: 'email',
  });
  await t.data<TicketReply>('ticketReply', asLena).create({
    ticketId: ticket.id,
    author: 'agent',
    public: false,
    body: 'INTERNAL: customer is on the credit hold list',
  });
  await t.data<Ticket>('ticket').update(ticket.id, { status: 'open' });
  return { server, t, ticket };
}

describe('the public progress page', () => {
  it("shows status, promise and public history in the customer's language, with first names only", async () => {
    const { server, ticket } = await boot('de');
    const issued = await server.json<{ token: string; path: string; url: string; expiresAt: string }>(
      'POST',
      `/api/tickets/${ticket.id}/progress-link`,
      'agent',
    );
    expect(issued.status).toBe(201);
    expect(issued.body.url).toBe(`https://crm.example.com${issued.body.path}`);
    expect(issued.body.expiresAt).toBe('2026-09-01T07:20:00.000Z'); // 90 days
    const res = await server.app.request(issued.body.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('en'); // German falls back to the default
    const page = await res.text();
    expect(page).toContain(`Your request ${ticket.reference}`);
    expect(page).toContain('Hello Anna,');
    expect(page).toContain('In progress');
    expect(page).toContain('On track to be completed by the promised date.');
    expect(page).toContain('Lena, our team');
    expect(page).toContain('A technician comes on Thursday.<br>Please keep the press off.');
    expect(page).not.toContain('Schmidt');
    expect(page).not.toContain('Vogt');
    expect(page).not.toContain('lena@desk.example');
    expect(page).not.toContain('INTERNAL');
    expect(page).not.toContain('credit hold');
    // reusable: a second visit shows it again
    expect((await server.app.request(issued.body.path)).status).toBe(200);
  });

  it('speaks Simplified Chinese to a zh customer', async () => {
    const { server, ticket } = await boot('zh-CN');
    const link = await server.t.kernel.resolve(TICKETS).issueProgressLink(ticket.id);
    expect(link.url).toBe(`https://crm.example.com${link.path}`);
    const res = await server.app.request(link.path);
    expect(res.headers.get('content-language')).toBe('zh-Hans');
    const page = await res.text();
    expect(page).toContain('处理中');
    expect(page).toContain('预计可在承诺日期前完成');
    expect(page).not.toContain('INTERNAL');
  });

  it('answers the one 404 for a wrong, revoked or expired token, and issues only for who may', async () => {
    const { server, t, ticket } = await boot('en');
    const link = await t.kernel.resolve(TICKETS).issueProgressLink(ticket.id);
    expect((await server.app.request('/p/tickets/progress/nonsense')).status).toBe(404);
    expect((await server.app.request(`${link.path.slice(0, -2)}xx`)).status).toBe(404);
    await t.advance('91d');
    expect((await server.app.request(link.path)).status).toBe(404);
    // a rating link is not a progress link
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved', resolution: 'Seal replaced' });
    const rating = await t.kernel.resolve(TICKETS).issueRatingLink(ticket.id);
    expect((await server.app.request(`/p/tickets/progress/${rating}`)).status).toBe(404);
    // another team's agent does not see the ticket; a viewer may not issue
    expect((await server.json('POST', `/api/tickets/${ticket.id}/progress-link`, 'otherAgent')).status).toBe(
      404,
    );
    expect((await server.json('POST', `/api/tickets/${ticket.id}/progress-link`, 'viewer')).status).toBe(403);
  });
});

describe('progress rules', () => {
  it('takes the first of several words as a first name, and says whether the promise holds', () => {
    expect(firstNameOf('Anna Schmidt')).toBe('Anna');
    expect(firstNameOf('王小明')).toBeUndefined();
    expect(firstNameOf(undefined)).toBeUndefined();
    const zone = 'Europe/Berlin';
    const now = Date.parse('2026-06-05T20:00:00Z'); // 22:00 CEST on the promised day
    const base = { customerId: 'c', type: 'repair', subject: 's', status: 'open' } as const;
    expect(progressOutlook({ ...base }, now, zone)).toBe('none');
    expect(progressOutlook({ ...base, promisedBy: '2026-06-05' }, now, zone)).toBe('onTrack');
    expect(progressOutlook({ ...base, promisedBy: '2026-06-04' }, now, zone)).toBe('late');
    expect(progressOutlook({ ...base, status: 'resolved', promisedBy: '2026-06-04' }, now, zone)).toBe(
      'done',
    );
    const dueLater = { resolution: { status: 'onTrack', dueAt: Date.parse('2026-06-06T08:00:00Z') } };
    expect(progressOutlook({ ...base, promisedBy: '2026-06-05', sla: dueLater } as never, now, zone)).toBe(
      'atRisk',
    );
  });
});
