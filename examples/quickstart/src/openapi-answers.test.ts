import { type CompiledEntity, LINKS, SYSTEM_ACTOR, signRequest } from '@rapport/core';
import { exampleBodies } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerChecker } from './test-support/answer-check.js';
import { bootQuickstartServer, type QuickstartServer } from './test-support/quickstart-server.js';

/**
 * Every operation of the quickstart's `/openapi.json` (customers, sales, messaging, tickets, loyalty, campaigns, bsc, webhooks), called with valid
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
 * How the test calls an entity's generic routes: with `create` and `patch` bodies,
 * `pluginWritten` (writes over HTTP are refused: 403) or `history` (created, never changed or
 * deleted: 403).
 */
type EntityBodies = { create: Json; patch: Json } | { pluginWritten: true } | { create: Json; history: true };

/**
 * Where an entity's rules go beyond its schema, so a generated body is not enough: `create`
 * fields laid over the generated body, a `patch` instead of the generated one, or how the entity
 * refuses writes. Each says `why`.
 */
interface Override {
  why: string;
  create?: Json;
  patch?: Json;
  pluginWritten?: true;
  history?: true;
}

/** Values by property name the quickstart's rules require beyond the schemas. */
const DEPLOYMENT_VALUES = {
  currency: 'EUR', // the deployment's currency: money in any other is refused
  timeZone: 'Europe/Berlin', // an IANA zone the plugins resolve, not just a string
  adapter: 'log', // an installed messaging adapter
};

/** Records of the demo scorecard the bsc overrides point at. */
interface BscIds {
  objectiveId: string;
  otherObjectiveId: string;
  manualKpiId: string;
}

function overrides(ids: {
  organisationId: string;
  otherCustomerId: string;
  nonMemberId: string;
  bsc: BscIds;
}): Record<string, Override> {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const pluginWritten = (why: string): Override => ({ why, pluginWritten: true });
  return {
    contact: { why: 'a contact belongs to an organisation', create: { customerId: ids.organisationId } },
    customerValue: {
      why: 'a recorded value keeps its source; only its customer may be corrected',
      patch: { customerId: ids.otherCustomerId },
    },
    customerMerge: pluginWritten('the merge route writes it'),
    pipeline: {
      why: 'a pipeline needs a won and a lost stage',
      create: {
        stages: [
          { key: 'talking', name: 'Talking', probability: 30 },
          { key: 'won', name: 'Won', probability: 100, kind: 'won' },
          { key: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
        ],
      },
    },
    deal: { why: 'a deal needs an amount or lines', create: { amount: eur(500_000) } },
    dealStageChange: pluginWritten("a deal's stage moves write it"),
    activity: {
      why: 'an activity is linked to a lead, a deal or a customer',
      create: { customerId: ids.otherCustomerId },
    },
    order: {
      why: 'an order needs a total or lines, and is deleted only once cancelled',
      create: { total: eur(1_000) },
      patch: { status: 'cancelled', cancelReason: 'Ordered twice.' },
    },
    salesRule: {
      why: 'an assignOwner action needs one way to choose the owner: use a plain event',
      create: { actions: [{ type: 'emitEvent', event: 'sales.rule.announced' }] },
    },
    message: pluginWritten('the send path writes it'),
    deliveryEvent: pluginWritten('provider callbacks write it'),
    consent: { why: 'a consent is history: a change is a new record', history: true },
    businessCalendar: {
      why: 'a calendar needs at least one working shift',
      create: { hours: { mon: [{ from: '09:00', to: '17:00' }] } },
    },
    slaPolicy: {
      why: "an SLA policy's calendar is an existing calendar's key",
      create: { calendar: 'berlin' },
    },
    ticketStatusChange: pluginWritten("a ticket's status moves write it"),
    escalationFiring: pluginWritten('the SLA job writes it'),
    ticketRating: pluginWritten('the rating page writes it'),
    loyaltyMember: {
      why: 'a customer is a member of a programme once: one who is not yet',
      create: { customerId: ids.nonMemberId },
    },
    loyaltyEntry: pluginWritten('the ledger routes post it'),
    loyaltyReward: {
      why: "a reward's tierRequired must name a tier of its programme",
      patch: { stock: 10 },
    },
    loyaltyRedemption: pluginWritten('reserving a reward writes it'),
    loyaltyTierChange: pluginWritten('tier moves write it'),
    webhookSubscription: {
      why: 'an event pattern the generator cannot make; off, so nothing is posted outside the machine',
      create: { url: 'https://erp.example.com/rapport/webhooks', events: ['sales.deal.won'], active: false },
      patch: { description: 'Answers test' },
    },
    webhookDelivery: pluginWritten('the webhook queue writes it'),
    bscObjective: {
      why: 'an objective outside internal process names no CRM process',
      create: { perspective: 'financial' },
    },
    bscKpi: {
      why: 'a KPI belongs to an objective, and a metric KPI names its metric: use a manual one',
      create: { objectiveId: ids.bsc.objectiveId, source: 'manual' },
    },
    bscLink: {
      why: 'a causal link joins two objectives of one scorecard without closing a cycle',
      create: { fromId: ids.bsc.objectiveId, toId: ids.bsc.otherObjectiveId },
    },
    bscReading: {
      why: "a manual reading is of a manual KPI, for an open period of its scorecard's kind",
      create: { kpiId: ids.bsc.manualKpiId, period: '2030-01', kind: 'manual', value: 3 },
    },
    bscInitiative: {
      why: 'an initiative acts on an objective',
      create: { objectiveId: ids.bsc.objectiveId },
    },
    bscPeriodClose: pluginWritten('the period close writes it'),
    campaign: {
      why: 'an audience needs a query, a segment or topics; a code is unique',
      create: {
        audience: { where: { abcClass: 'B' } },
        channels: [{ channel: 'email', templateKey: 'win-back-offer' }],
        code: 'ANSWERS-CODE',
      },
      patch: { goal: 'Answer every operation.' },
    },
    campaignMember: pluginWritten('launching a campaign freezes its members'),
    campaignConversion: pluginWritten('orders and leads credit it'),
    careSend: pluginWritten('the care job writes it'),
    campaignInterest: {
      why: 'an interest names an existing topic, once per customer',
      create: { topic: 'answers-topic', customerId: ids.otherCustomerId },
    },
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
  const first = async (entity: string, where: Json = {}) => {
    const found = (await system(entity).find({ where: where as never, limit: 1 })).items[0];
    if (!found) throw new Error(`the demo data has no ${entity} matching ${JSON.stringify(where)}`);
    return found as Json & { id: string };
  };

  async function callEntityRoutes(
    entity: CompiledEntity,
    bodies: EntityBodies,
  ): Promise<() => Promise<void>> {
    const base = `/api/${entity.path}`;
    const op = (method: string, suffix = '') => `${method} ${base}${suffix}`;
    await record(op('GET'), 200, s.call('GET', `${base}?limit=2`));
    await record(op('GET', '/aggregate'), 200, s.call('GET', `${base}/aggregate?measures[n]=count`));
    if ('pluginWritten' in bodies) {
      const { id, createdAt: _c, updatedAt: _u, version: _v, ...stored } = await first(entity.name);
      // without its computed fields, so the refusal is the plugin's rule, not the read-only check
      const copy = Object.fromEntries(
        Object.entries(stored).filter(([field]) => !entity.readOnlyFields.has(field)),
      );
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
    const customers = system<{ phone?: string; kind: string }>('customer');
    const [survivor] = (await customers.find({ sort: ['createdAt'], limit: 1 })).items;
    // only a duplicate of the same kind merges (and loyalty refuses two members of one
    // programme): an organisation's duplicate, as an import might have made it
    const kept = await first('customer', { kind: 'organisation' });
    const merged = await system('customer').create({
      kind: 'organisation',
      name: `${String(kept.name)} (duplicate)`,
      email: 'duplicate@example.org',
    });
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
    await record(`GET ${c}/future-value/holdout`, 200, s.call('GET', `${c}/future-value/holdout?weeks=12`));
    await record(`GET ${c}/{id}/future-value`, 200, s.call('GET', `${c}/${survivor?.id}/future-value`));
    await record(
      `POST ${c}/{id}/merge-preview`,
      200,
      s.call('POST', `${c}/${kept?.id}/merge-preview`, { from: merged?.id }),
    );
    await record(`POST ${c}/{id}/merge`, 200, s.call('POST', `${c}/${kept?.id}/merge`, { from: merged?.id }));
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
    await record('GET /api/auth/methods', 200, s.app.request('/api/auth/methods'));
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
    await record('GET /api/tickets/stats', 200, s.call('GET', '/api/tickets/stats?period=year'));
    await record('GET /api/tickets/stats', 400, s.call('GET', '/api/tickets/stats?from=soon'));
    const open = await first('ticket', { status: 'open' });
    const link = await record(
      'POST /api/tickets/{id}/progress-link',
      201,
      s.call('POST', `/api/tickets/${open.id}/progress-link`),
    );
    await record(
      'GET /p/tickets/progress/{token}',
      200,
      s.app.request(String(link.path), { headers: { accept: 'text/html' } }),
    );
    const resolved = await first('ticket', { status: 'resolved' });
    const rating = await system('ticketRating').find({ where: { ticketId: resolved.id }, limit: 1 });
    for (const done of rating.items) await system('ticketRating').delete(String(done.id));
    const { token: rateToken } = await s.t.kernel
      .resolve(LINKS)
      .issue({ purpose: 'tickets.rating', recordId: resolved.id });
    const rate = `/p/tickets/rate/${rateToken}`;
    await record(
      'GET /p/tickets/rate/{token}',
      200,
      s.app.request(rate, { headers: { accept: 'text/html' } }),
    );
    const form = { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
    await record(
      'POST /p/tickets/rate/{token}',
      400,
      s.app.request(rate, { method: 'POST', headers: form, body: 'score=0' }),
    );
    await record(
      'POST /p/tickets/rate/{token}',
      200,
      s.app.request(rate, { method: 'POST', headers: form, body: 'score=5' }),
    );
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

  async function callLoyaltyRoutes(): Promise<void> {
    const l = '/api/loyalty';
    const programme = await first('loyaltyProgramme');
    const join = { programmeId: programme.id, mobile: '+49 151 99887766', name: 'Answers Member' };
    const joined = await record(`POST ${l}/members`, 201, s.call('POST', `${l}/members`, join));
    await record(`POST ${l}/members`, 200, s.call('POST', `${l}/members`, join)); // a second join
    const memberId = (joined.member as Json).id as string;
    const posting = (points: number, idempotencyKey: string) => ({ memberId, points, idempotencyKey });
    await record(`POST ${l}/earn`, 201, s.call('POST', `${l}/earn`, posting(2_500, 'answers-earn')));
    await record(`POST ${l}/earn`, 200, s.call('POST', `${l}/earn`, posting(2_500, 'answers-earn')));
    const redeemed = await record(
      `POST ${l}/redeem`,
      201,
      s.call('POST', `${l}/redeem`, posting(100, 'answers-redeem')),
    );
    await record(`POST ${l}/redeem`, 409, s.call('POST', `${l}/redeem`, posting(1_000_000, 'answers-short')));
    await record(`POST ${l}/adjust`, 201, s.call('POST', `${l}/adjust`, posting(-50, 'answers-adjust')));
    // the same postings on a member's own path, as the console's member page makes them
    const onMember = (op: string, points: number, key: string) =>
      s.call('POST', `${l}/members/${memberId}/${op}`, { points, idempotencyKey: key });
    await record(`POST ${l}/members/{id}/earn`, 201, onMember('earn', 300, 'answers-member-earn'));
    await record(`POST ${l}/members/{id}/redeem`, 201, onMember('redeem', 100, 'answers-member-redeem'));
    await record(`POST ${l}/members/{id}/adjust`, 201, onMember('adjust', -20, 'answers-member-adjust'));
    const redeemEntry = (redeemed.entry as Json).id as string;
    await record(
      `POST ${l}/entries/{id}/reverse`,
      201,
      s.call('POST', `${l}/entries/${redeemEntry}/reverse`, { note: 'Answers test' }),
    );
    await record(`GET ${l}/members/{id}/balance`, 200, s.call('GET', `${l}/members/${memberId}/balance`));
    await record(`GET ${l}/win-back`, 200, s.call('GET', `${l}/win-back?limit=20&class=A,B`));
    const news = await system('loyaltyBroadcast').create({
      programmeId: programme.id,
      name: 'Answers news',
      channel: 'sms',
      text: 'Double points this week.',
      audience: { tiers: ['gold'] },
    });
    await record(`POST ${l}/broadcasts/{id}/send`, 200, s.call('POST', `${l}/broadcasts/${news.id}/send`));
    const coffee = await first('loyaltyReward', { name: 'Coffee voucher' });
    const reserve = (key: string) =>
      s.call('POST', `${l}/rewards/${coffee.id}/redeem`, { memberId, idempotencyKey: key });
    const kept = await record(`POST ${l}/rewards/{id}/redeem`, 201, reserve('answers-coffee-1'));
    await record(`POST ${l}/rewards/{id}/redeem`, 200, reserve('answers-coffee-1'));
    const keptId = (kept.redemption as Json).id as string;
    await record(
      `POST ${l}/redemptions/{id}/fulfil`,
      200,
      s.call('POST', `${l}/redemptions/${keptId}/fulfil`),
    );
    const dropped = await reserve('answers-coffee-2').then((res) => res.json() as Promise<Json>);
    const droppedId = (dropped.redemption as Json).id as string;
    await record(
      `POST ${l}/redemptions/{id}/cancel`,
      200,
      s.call('POST', `${l}/redemptions/${droppedId}/cancel`),
    );
  }

  async function callWebhooksRoutes(): Promise<void> {
    const w = '/api/webhooks/subscriptions';
    // Off, and to a public name: nothing is posted while the test runs.
    const subscribe = {
      url: 'https://erp.example.com/rapport/webhooks',
      events: ['sales.deal.*'],
      active: false,
    };
    const created = await record(`POST ${w}`, 201, s.call('POST', w, subscribe));
    await record(`POST ${w}`, 400, s.call('POST', w, { ...subscribe, url: 'http://169.254.169.254/latest' }));
    const id = (created.subscription as Json).id as string;
    await record(`POST ${w}/{id}/secret`, 200, s.call('POST', `${w}/${id}/secret`));
    await record(`POST ${w}/{id}/secret`, 404, s.call('POST', `${w}/no-such-subscription/secret`));
    await record(`POST ${w}/{id}/enable`, 200, s.call('POST', `${w}/${id}/enable`));
    await system('webhookSubscription').update(id, { active: false });
    // A given-up delivery, sent again (held: its subscription is off), then refused as not given up.
    const dead = await system('webhookDelivery').create({
      subscriptionId: id,
      ownerId: 'system',
      eventId: 'answers-dead-event',
      eventName: 'sales.deal.won',
      url: subscribe.url,
      status: 'dead',
      attempts: 8,
      lastError: 'the receiver answered 500',
    });
    const retry = `/api/webhooks/deliveries/${dead.id}/retry`;
    await record('POST /api/webhooks/deliveries/{id}/retry', 200, s.call('POST', retry));
    await record('POST /api/webhooks/deliveries/{id}/retry', 409, s.call('POST', retry));
    // One delivery, as the queue writes it, for the log's routes.
    await system('webhookDelivery').create({
      subscriptionId: id,
      ownerId: 'system',
      eventId: 'answers-event',
      eventName: 'sales.deal.won',
      url: subscribe.url,
      status: 'skipped',
      attempts: 0,
      skippedReason: 'written by the answers test',
    });
  }

  async function callCampaignsRoutes(): Promise<void> {
    const a = '/api/campaigns';
    await system('campaignTopic').create({ key: 'answers-topic', name: 'Answers' });
    const draft = () =>
      system('campaign').create({
        name: 'Answers campaign',
        type: 'retention',
        audience: { where: { abcClass: 'A' } },
        channels: [{ channel: 'email', templateKey: 'win-back-offer' }],
        data: { code: 'X' },
        startAt: '2030-01-01T09:00:00.000Z',
      });
    const one = await draft();
    await record(`POST ${a}/{id}/schedule`, 200, s.call('POST', `${a}/${one.id}/schedule`));
    await record(`POST ${a}/{id}/unschedule`, 200, s.call('POST', `${a}/${one.id}/unschedule`));
    await record(`POST ${a}/{id}/launch`, 200, s.call('POST', `${a}/${one.id}/launch`));
    await record(`POST ${a}/{id}/cancel`, 200, s.call('POST', `${a}/${one.id}/cancel`));
    await record(`POST ${a}/{id}/launch`, 409, s.call('POST', `${a}/${one.id}/launch`));
    const demo = await first('campaign', { status: 'completed' });
    await record(`GET ${a}/{id}/results`, 200, s.call('GET', `${a}/${demo.id}/results`));
    await record(`GET ${a}/{id}/preview`, 200, s.call('GET', `${a}/${demo.id}/preview`));
    await record(`GET ${a}/results/compare`, 200, s.call('GET', `${a}/results/compare?type=win-back`));
    await record(
      `POST ${a}/preview`,
      200,
      s.call('POST', `${a}/preview`, { audience: { abcClasses: ['A', 'B'] }, channel: 'sms' }),
    );
    await record(
      `POST ${a}/announce`,
      201,
      s.call('POST', `${a}/announce`, {
        name: 'Analytics 2.0',
        topics: ['analytics'],
        channels: [{ channel: 'email', templateKey: 'win-back-offer' }],
        data: { code: 'NEW' },
      }),
    );
    const customer = await first('customer', { kind: 'person' });
    await record(
      `POST ${a}/customers/{id}/interests`,
      200,
      s.call('POST', `${a}/customers/${customer.id}/interests`, { topic: 'partners' }),
    );
    const member = await first('campaignMember');
    const { token } = await s.t.kernel
      .resolve(LINKS)
      .issue({ purpose: 'campaigns.click', recordId: member.id });
    await record('GET /p/campaigns/click/{token}', 302, s.app.request(`/p/campaigns/click/${token}`));
    // The demo's care job may find no one due at the fixed clock: one care send, as the plugin writes it.
    const rule = await first('careRule');
    await system('careSend').create({
      ruleId: rule.id,
      customerId: customer.id,
      occasion: 'answers',
      at: '2026-06-01T09:00:00.000Z',
    });
  }

  async function callBscRoutes(): Promise<void> {
    const card = await first('scorecard');
    const base = `/api/bsc/scorecards/${card.id}`;
    await record(
      'GET /api/bsc/scorecards/{id}/evaluation',
      200,
      s.call('GET', `${base}/evaluation?history=2`),
    );
    await record(
      'GET /api/bsc/scorecards/{id}/evaluation',
      400,
      s.call('GET', `${base}/evaluation?period=2026-Q1`),
    );
    await record('GET /api/bsc/scorecards/{id}/map', 200, s.call('GET', `${base}/map`));
    await record('GET /api/bsc/scorecards/{id}/map.svg', 200, s.call('GET', `${base}/map.svg`));
    const oldest = (await system<{ period: string }>('bscPeriodClose').find({ sort: ['period'], limit: 1 }))
      .items[0];
    const [year, month] = String(oldest?.period).split('-').map(Number) as [number, number];
    const before = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    await record(
      'POST /api/bsc/scorecards/{id}/close',
      201,
      s.call('POST', `${base}/close?period=${before}`),
    );
    await record(
      'POST /api/bsc/scorecards/{id}/close',
      200,
      s.call('POST', `${base}/close?period=${before}`),
    );
    await record('POST /api/bsc/scorecards/{id}/close', 409, s.call('POST', `${base}/close?period=2099-01`));
    await record(
      'POST /api/bsc/scorecards/from-template',
      201,
      s.call('POST', '/api/bsc/scorecards/from-template', {
        valueProposition: 'productLeadership',
        periodKind: 'quarter',
      }),
    );
    await record(
      'POST /api/bsc/scorecards/from-template',
      400,
      s.call('POST', '/api/bsc/scorecards/from-template', { valueProposition: 'cheapest' }),
    );
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
    await callLoyaltyRoutes();
    await callCampaignsRoutes();
    await callBscRoutes();
    await callWebhooksRoutes();
    const kernelEntities = [...s.t.kernel.entities.values()];
    const references: Record<string, string> = {};
    for (const entity of kernelEntities) {
      const record = (await system(entity.name).find({ limit: 1 })).items[0] as { id?: string } | undefined;
      if (record?.id) references[entity.name] = record.id;
    }
    references.customer = (await first('customer', { kind: 'person' })).id;
    const generated = exampleBodies({
      entities: s.t.kernel.entities.keys(),
      references,
      values: DEPLOYMENT_VALUES,
    });
    const members = await system<{ customerId: string }>('loyaltyMember').find({ limit: 1_000 });
    const enrolled = new Set(members.items.map((member) => member.customerId));
    const customers = await system('customer').find({ limit: 1_000 });
    const [, other] = (await system('customer').find({ where: { kind: 'person' }, limit: 2 })).items;
    const special = overrides({
      organisationId: (await first('customer', { kind: 'organisation' })).id,
      otherCustomerId: other?.id as string,
      nonMemberId: customers.items.find((customer) => !enrolled.has(customer.id))?.id as string,
      bsc: {
        objectiveId: (await first('bscObjective', { name: 'Grow revenue' })).id,
        otherObjectiveId: (await first('bscObjective', { name: 'More value per customer' })).id,
        manualKpiId: (await first('bscKpi', { source: 'manual' })).id,
      },
    });
    const bodiesOf = (entity: CompiledEntity): EntityBodies => {
      const override = special[entity.name];
      if (override?.pluginWritten) return { pluginWritten: true };
      const create = { ...generated.create(entity), ...override?.create };
      if (override?.history || entity.collection.history) return { create, history: true };
      const patch = override?.patch ?? generated.patch(entity);
      if (!patch)
        throw new Error(`entity '${entity.name}' has no optional property to patch: add an override`);
      return { create, patch };
    };
    const deletes: Array<() => Promise<void>> = [];
    for (const entity of kernelEntities) {
      if (entity.exposed) deletes.push(await callEntityRoutes(entity, bodiesOf(entity)));
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
