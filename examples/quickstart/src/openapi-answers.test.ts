import { type CompiledEntity, LINKS, SYSTEM_ACTOR, signRequest } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerChecker } from './test-support/answer-check.js';
import { bootQuickstartServer, type QuickstartServer } from './test-support/quickstart-server.js';

/**
 * Every operation of the quickstart's `/openapi.json` (customers, sales, messaging, tickets), called with valid
 * input, answers what the document says: a documented status, a documented media type, and a
 * body that validates against that response's schema. An operation without a recorded answer
 * fails the coverage test, so a route added to the document must be added here.
 */

type Json = Record<string, unknown>;

/** A recorded answer: the operation, the status the call should get, and what it got. */
interface Answer {
  operation: string;
  expected: number;
  status: number;
  problems: string[];
  /** The start of the body, to tell why a status was not the expected one. */
  excerpt: string;
}

/**
 * Valid create and patch bodies per entity; `pluginWritten` entities refuse writes over HTTP
 * (403); `history` entities are created but never changed or deleted (403).
 */
type EntityBodies = { create: Json; patch: Json } | { pluginWritten: true } | { create: Json; history: true };

function bodiesFor(ids: {
  customerId: string;
  organisationId: string;
  otherCustomerId: string;
  ticketId: string;
}): Record<string, EntityBodies> {
  const { customerId, organisationId, otherCustomerId, ticketId } = ids;
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  return {
    customer: {
      create: { kind: 'person', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
      patch: { tags: ['vip'] },
    },
    contact: {
      create: { customerId: organisationId, name: 'Grace Hopper', role: 'buyer' },
      patch: { role: 'owner' },
    },
    interaction: {
      create: { customerId, channel: 'phone', direction: 'inbound', subject: 'Invoice question' },
      patch: { summary: 'Resent the invoice.' },
    },
    customerValue: {
      create: { customerId, amount: eur(12_000), at: '2026-05-20T10:00:00.000Z' },
      patch: { customerId: otherCustomerId },
    },
    segment: {
      create: { name: 'Class A (answers test)', where: { abcClass: 'A' } },
      patch: { description: 'The best customers.' },
    },
    customerMerge: { pluginWritten: true },
    pipeline: {
      create: {
        key: 'answers-test',
        name: 'Answers test',
        stages: [
          { key: 'talking', name: 'Talking', probability: 30 },
          { key: 'won', name: 'Won', probability: 100, kind: 'won' },
          { key: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
        ],
      },
      patch: { description: 'A pipeline the test made.' },
    },
    lead: { create: { name: 'Lin Wei', source: 'web' }, patch: { status: 'working' } },
    deal: {
      create: { title: 'Answers deal', customerId, amount: eur(500_000), expectedCloseDate: '2026-07-15' },
      patch: { notes: 'Called back.' },
    },
    dealStageChange: { pluginWritten: true },
    activity: { create: { type: 'call', subject: 'Follow up', customerId }, patch: { done: true } },
    order: {
      create: { customerId, total: eur(1_000) },
      patch: { status: 'cancelled', cancelReason: 'Ordered twice.' },
    },
    salesRule: {
      create: {
        name: 'Announce new leads',
        trigger: { type: 'lead.created' },
        actions: [{ type: 'emitEvent', event: 'sales.rule.announced' }],
      },
      patch: { enabled: false },
    },
    channelAccount: {
      create: { name: 'Answers webhook', channel: 'webhook', adapter: 'log', from: 'answers' },
      patch: { fromName: 'Answers' },
    },
    message: { pluginWritten: true },
    deliveryEvent: { pluginWritten: true },
    messageTemplate: {
      create: {
        key: 'answers-test',
        channel: 'email',
        locale: 'en',
        subject: 'Hi',
        text: 'Hi {{customer.name}}',
      },
      patch: { description: 'A template the test made.' },
    },
    consent: {
      create: { customerId, channel: 'email', purpose: 'marketing', state: 'in', source: 'form' },
      history: true,
    },
    suppression: {
      create: { channel: 'email', address: 'answers@example.org', reason: 'manual' },
      patch: { detail: 'Asked by phone.' },
    },
    businessCalendar: {
      create: {
        key: 'answers-test',
        name: 'Answers office',
        timeZone: 'Asia/Shanghai',
        hours: { mon: [{ from: '09:00', to: '17:00' }] },
      },
      patch: { name: 'Answers office (Shanghai)' },
    },
    slaPolicy: {
      create: {
        key: 'answers-test',
        name: 'Answers',
        order: 500,
        calendar: 'berlin',
        firstResponseMinutes: 60,
      },
      patch: { resolutionMinutes: 600 },
    },
    team: { create: { key: 'answers-test', name: 'Answers team' }, patch: { name: 'Answers crew' } },
    asset: {
      create: { customerId, serialNumber: 'ANS-0001', model: 'X200' },
      patch: { location: 'Hall 2' },
    },
    ticket: {
      create: { customerId, type: 'inquiry', subject: 'Answers question' },
      patch: { priority: 'high' },
    },
    ticketReply: {
      create: { ticketId, author: 'agent', public: false, body: 'Checked.' },
      patch: { body: 'Checked twice.' },
    },
    ticketStatusChange: { pluginWritten: true },
    escalationRule: {
      create: { key: 'answers-test', name: 'Answers rule', on: 'atRisk', actions: { raisePriority: true } },
      patch: { active: false },
    },
    escalationFiring: { pluginWritten: true },
    ticketRating: { pluginWritten: true },
  };
}

describe('every operation of /openapi.json answers as documented', () => {
  let s: QuickstartServer;
  let checker: AnswerChecker;
  const answers: Answer[] = [];

  /** Calls, then records the answer of `operation` against the document. */
  async function record(
    operation: string,
    expected: number,
    response: Response | Promise<Response>,
  ): Promise<Json> {
    const res = await response;
    const copy = res.clone();
    const problems = await checker.problems(operation, res);
    const text = await copy.text();
    answers.push({ operation, expected, status: res.status, problems, excerpt: text.slice(0, 300) });
    return text && (copy.headers.get('content-type') ?? '').includes('json')
      ? (JSON.parse(text) as Json)
      : {};
  }

  const system = <T = Json>(entity: string) => s.t.kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
  const first = async (entity: string, where: Json = {}) =>
    (await system(entity).find({ where: where as never, limit: 1 })).items[0] as Json & { id: string };

  async function callEntityRoutes(
    entity: CompiledEntity,
    bodies: EntityBodies,
  ): Promise<() => Promise<void>> {
    const base = `/api/${entity.path}`;
    const op = (method: string, suffix = '') => `${method} ${base}${suffix}`;
    await record(op('GET'), 200, s.call('GET', `${base}?limit=2`));
    await record(op('GET', '/aggregate'), 200, s.call('GET', `${base}/aggregate?measures[n]=count`));
    if ('pluginWritten' in bodies) {
      const { id, createdAt: _c, updatedAt: _u, version: _v, ...copy } = await first(entity.name);
      await record(op('GET', '/{id}'), 200, s.call('GET', `${base}/${id}`));
      await record(op('POST'), 403, s.call('POST', base, copy));
      await record(op('PATCH', '/{id}'), 403, s.call('PATCH', `${base}/${id}`, {}));
      return () =>
        record(op('DELETE', '/{id}'), 403, s.call('DELETE', `${base}/${id}`)).then(() => undefined);
    }
    const created = await record(op('POST'), 201, s.call('POST', base, bodies.create));
    await record(op('GET', '/{id}'), 200, s.call('GET', `${base}/${created.id}`));
    if ('history' in bodies) {
      await record(op('PATCH', '/{id}'), 403, s.call('PATCH', `${base}/${created.id}`, {}));
      return () =>
        record(op('DELETE', '/{id}'), 403, s.call('DELETE', `${base}/${created.id}`)).then(() => undefined);
    }
    await record(op('PATCH', '/{id}'), 200, s.call('PATCH', `${base}/${created.id}`, bodies.patch));
    return () =>
      record(op('DELETE', '/{id}'), 204, s.call('DELETE', `${base}/${created.id}`)).then(() => undefined);
  }

  async function callCustomerRoutes(): Promise<void> {
    const customers = system<{ phone?: string }>('customer');
    const [survivor, merged] = (await customers.find({ sort: ['createdAt'], limit: 2 })).items;
    const c = '/api/customers';
    await record(`GET ${c}/{id}/timeline`, 200, s.call('GET', `${c}/${survivor?.id}/timeline?limit=3`));
    await record(`GET ${c}/{id}/profile`, 200, s.call('GET', `${c}/${survivor?.id}/profile`));
    await record(
      `GET ${c}/lookup`,
      200,
      s.call('GET', `${c}/lookup?phone=${encodeURIComponent(survivor?.phone ?? '')}`),
    );
    const segment = await system('segment').create({ name: 'Class B', where: { abcClass: 'B' } });
    await record(`GET ${c}/segments`, 200, s.call('GET', `${c}/segments?limit=5`));
    await record(`GET ${c}/segments/{id}`, 200, s.call('GET', `${c}/segments/${segment.id}`));
    await record(
      `GET ${c}/segments/{id}/members`,
      200,
      s.call('GET', `${c}/segments/${segment.id}/members?limit=2&sort=-createdAt`),
    );
    const csv = 'kind,name,email\nperson,Alan Turing,alan.turing@example.org\nperson,No Mail,not-an-email\n';
    await record(`POST ${c}/import`, 200, s.call('POST', `${c}/import?dryRun=true`, csv, 'text/csv'));
    await record(
      `POST ${c}/import`,
      201,
      s.call('POST', `${c}/import`, [
        { kind: 'organisation', name: 'Analytical Engines Ltd', email: 'office@engines.example.org' },
        { kind: 'person', name: 'Twice', email: 'office@engines.example.org' },
      ]),
    );
    await record(`POST ${c}/recompute`, 200, s.call('POST', `${c}/recompute`));
    await record(`GET ${c}/future-value`, 200, s.call('GET', `${c}/future-value?limit=3`));
    await record(`GET ${c}/{id}/future-value`, 200, s.call('GET', `${c}/${survivor?.id}/future-value`));
    await record(
      `POST ${c}/{id}/merge`,
      200,
      s.call('POST', `${c}/${survivor?.id}/merge`, { from: merged?.id }),
    );
  }

  async function callSalesRoutes(): Promise<void> {
    const sales = '/api/sales';
    await record(`GET ${sales}/funnel`, 200, s.call('GET', `${sales}/funnel?from=2025-06-01`));
    await record(`GET ${sales}/forecast`, 200, s.call('GET', `${sales}/forecast?period=quarter`));
    await record(
      `GET ${sales}/forecast`,
      200,
      s.call('GET', `${sales}/forecast?from=2026-04-01&to=2026-09-01`),
    );
    await record(`GET ${sales}/velocity`, 200, s.call('GET', `${sales}/velocity`));
    await record(`GET ${sales}/board`, 200, s.call('GET', `${sales}/board?pipeline=renewals`));
    const lead = await system('lead').create({
      name: 'Katherine Johnson',
      company: 'Orbit Analytics',
      email: 'katherine@orbit.example.org',
      source: 'referral',
      status: 'qualified',
      estimatedValue: { amount: 2_500_000, currency: 'EUR' },
    });
    await record(
      `POST ${sales}/leads/{id}/convert`,
      201,
      s.call('POST', `${sales}/leads/${lead.id}/convert`, { deal: { expectedCloseDate: '2026-08-01' } }),
    );
    const closed = await first('deal', { outcome: { exists: true } });
    await record(
      `POST ${sales}/deals/{id}/reopen`,
      200,
      s.call('POST', `${sales}/deals/${closed.id}/reopen`, { reason: 'The customer came back.' }),
    );
    await record(`POST ${sales}/rules/run`, 200, s.call('POST', `${sales}/rules/run`));
  }

  async function callSystemRoutes(): Promise<void> {
    await record('GET /healthz', 200, s.app.request('/healthz'));
    await record('GET /readyz', 200, s.app.request('/readyz'));
    await record('GET /api/metrics', 200, s.call('GET', '/api/metrics'));
    await record('GET /api/console/model', 200, s.call('GET', '/api/console/model'));
    await record(
      'GET /api/metrics/{id}',
      200,
      s.call('GET', '/api/metrics/sales.winRate?from=2025-06-01T00:00:00Z&to=2026-06-01T00:00:00Z'),
    );
    await record('GET /api/metrics/{id}', 200, s.call('GET', '/api/metrics/customers.total'));
    await record('GET /api/audit', 200, s.call('GET', '/api/audit?limit=20&sort=-at'));
    const created = await record(
      'POST /api/api-keys',
      201,
      s.call('POST', '/api/api-keys', { name: 'ci', roles: ['viewer'], attributes: { team: 'north' } }),
    );
    await record('GET /api/api-keys', 200, s.call('GET', '/api/api-keys'));
    const id = (created.record as Json).id;
    await record('DELETE /api/api-keys/{id}', 200, s.call('DELETE', `/api/api-keys/${id}`));
  }

  async function callMessagingRoutes(): Promise<void> {
    const m = '/api/messaging';
    const customer = await first('customer', { email: { exists: true } });
    const send = {
      customerId: customer.id,
      channel: 'email',
      purpose: 'transactional',
      subject: 'Hi',
      text: 'Hello',
    };
    const headers = { 'Idempotency-Key': 'answers-1' };
    const call = (body: unknown) =>
      s.app.request(`${m}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.adminKey}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const sent = await record(`POST ${m}/messages`, 201, call(send));
    await record(`POST ${m}/messages`, 201, call(send)); // the retry: the first answer, replayed
    await record(
      `GET ${m}/customers/{id}/consents`,
      200,
      s.call('GET', `${m}/customers/${customer.id}/consents`),
    );
    const template = await first('messageTemplate');
    await record(
      `GET ${m}/templates/{id}/preview`,
      200,
      s.call('GET', `${m}/templates/${template.id}/preview`),
    );
    await record(
      `POST ${m}/templates/{id}/preview`,
      200,
      s.call('POST', `${m}/templates/${template.id}/preview`, {
        customerId: customer.id,
        data: { orderNumber: 'A-1' },
      }),
    );
    const { token } = await s.t.kernel
      .resolve(LINKS)
      .issue({ purpose: 'messaging.unsubscribe', recordId: sent.id as string });
    const page = `/p/messaging/unsubscribe/${token}`;
    await record(
      'GET /p/messaging/unsubscribe/{token}',
      200,
      s.app.request(page, { headers: { accept: 'text/html' } }),
    );
    await record(
      'POST /p/messaging/unsubscribe/{token}',
      200,
      s.app.request(page, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    const account = await system('channelAccount').create({
      name: 'Answers SMS',
      channel: 'sms',
      adapter: 'log',
      from: '+4930999000',
      secrets: { callback: 'answers-callback-secret' },
    });
    const signed = (path: string, body: string, type = 'application/json') =>
      s.app.request(path, {
        method: 'POST',
        body,
        headers: {
          'content-type': type,
          ...signRequest({
            secret: 'answers-callback-secret',
            body,
            timestamp: Math.floor(s.t.clock.now() / 1000),
          }).headers,
        },
      });
    const callbacks = `/p/messaging/callbacks/${account.id}`;
    await record(
      'POST /p/messaging/callbacks/{accountId}/inbound',
      200,
      signed(
        `${callbacks}/inbound`,
        JSON.stringify({ from: '+4915112345678', text: 'Hello there', providerMessageId: 'answers-in-1' }),
      ),
    );
    await record(
      'POST /p/messaging/callbacks/{accountId}/status',
      200,
      signed(`${callbacks}/status`, JSON.stringify({ providerMessageId: 'unknown-id', status: 'delivered' })),
    );
  }

  async function callUserRoutes(): Promise<void> {
    await record('GET /api/me', 200, s.call('GET', '/api/me'));
    const made = await record(
      'POST /api/users',
      201,
      s.call('POST', '/api/users', {
        name: 'Ada Answers',
        email: 'ada.answers@example.org',
        roles: ['salesRep'],
      }),
    );
    const id = (made.user as Json).id as string;
    await record('GET /api/users', 200, s.call('GET', '/api/users?sort=name&limit=5'));
    await record('GET /api/users/{id}', 200, s.call('GET', `/api/users/${id}`));
    await record('PATCH /api/users/{id}', 200, s.call('PATCH', `/api/users/${id}`, { team: 'north' }));
    const reset = await record(
      'POST /api/users/{id}/password',
      200,
      s.call('POST', `/api/users/${id}/password`, {}),
    );
    const password = reset.password as string;
    const signIn = s.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada.answers@example.org', password }),
    });
    const response = await signIn;
    const signedIn = await record('POST /api/auth/sign-in', 200, response.clone());
    let cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const asUser = (path: string, csrf: string, body?: unknown) =>
      s.app.request(path, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const changed = await asUser('/api/me/password', signedIn.csrfToken as string, {
      currentPassword: password,
      newPassword: 'a new answers passphrase',
    });
    cookie = (changed.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const renewed = await record('POST /api/me/password', 200, changed);
    await record('POST /api/auth/sign-out', 204, asUser('/api/auth/sign-out', renewed.csrfToken as string));
    await record('DELETE /api/users/{id}', 204, s.call('DELETE', `/api/users/${id}`));
  }

  async function callTicketsRoutes(): Promise<void> {
    await record('GET /api/tickets/queue', 200, s.call('GET', '/api/tickets/queue?limit=5'));
    // The demo's clock does not run long enough for an escalation to fire: one firing, as the plugin writes it.
    const ticket = await first('ticket', { priority: 'urgent' });
    await system('escalationFiring').create({
      rule: 'urgent-breach',
      ticketId: ticket.id,
      occasion: 'breached:resolution:2026-06-01T12:00:00.000Z',
      firedAt: '2026-06-01T12:00:00.000Z',
      actions: ['note'],
    });
  }

  beforeAll(async () => {
    s = await bootQuickstartServer({ customers: 12, deals: 40 });
    checker = new AnswerChecker(await s.document());
    await callSystemRoutes();
    await callUserRoutes();
    await callCustomerRoutes();
    await callSalesRoutes();
    await callMessagingRoutes();
    await callTicketsRoutes();
    const [customer, other] = (await system('customer').find({ where: { kind: 'person' }, limit: 2 })).items;
    const bodies = bodiesFor({
      customerId: customer?.id as string,
      otherCustomerId: other?.id as string,
      organisationId: (await first('customer', { kind: 'organisation' })).id,
      ticketId: (await first('ticket')).id,
    });
    const deletes: Array<() => Promise<void>> = [];
    for (const entity of s.t.kernel.entities.values()) {
      if (!entity.exposed) continue;
      const entityBodies = bodies[entity.name];
      if (!entityBodies) throw new Error(`the test has no bodies for entity '${entity.name}': add them`);
      deletes.push(await callEntityRoutes(entity, entityBodies));
    }
    for (const remove of deletes.reverse()) await remove();
    const placed = await first('order', { status: 'placed' });
    await record('DELETE /api/orders/{id}', 409, s.call('DELETE', `/api/orders/${placed.id}`));
  }, 120_000);
  afterAll(() => s.t.stop());

  it('records an answer for every operation in the document, and none outside it', () => {
    const recorded = new Set(answers.map((a) => a.operation));
    expect(checker.operations().filter((operation) => !recorded.has(operation))).toEqual([]);
    expect([...recorded].filter((operation) => !checker.operations().includes(operation))).toEqual([]);
    expect(recorded.size).toBeGreaterThan(100);
  });

  it('gets the status each valid call should get', () => {
    const wrong = answers.filter((a) => a.status !== a.expected);
    expect(wrong.map((a) => `${a.operation}: ${a.status}, not ${a.expected}: ${a.excerpt}`)).toEqual([]);
  });

  it('answers bodies that validate against the documented schema of that status', () => {
    expect(answers.flatMap((a) => a.problems)).toEqual([]);
  });
});
