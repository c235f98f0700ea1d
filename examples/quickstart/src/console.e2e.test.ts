import { join } from 'node:path';
import { ensureAdminUser } from '@rapport/cli';
import { SYSTEM_ACTOR, USERS } from '@rapport/core';
import { type RunningServer, serveRapport } from '@rapport/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from './demo-users.js';
import {
  artifactsFolder,
  type ConsoleBrowser,
  hasChromium,
  launchConsoleBrowser,
  seriousViolations,
  signInWithPassword,
  type Tab,
} from './test-support/console-browser.js';
import { bootQuickstartServer, type QuickstartServer } from './test-support/quickstart-server.js';

if (!hasChromium && process.env.RAPPORT_REQUIRE_CHROMIUM === '1') {
  throw new Error('the console end-to-end test needs /usr/bin/chromium (CI installs it: .ci/chromium)');
}
if (!hasChromium) {
  console.warn(
    'console end-to-end test skipped: /usr/bin/chromium is not installed (apt-get install chromium)',
  );
}

/** The demo team's password, as `RAPPORT_DEMO_PASSWORD` would set it. */
const DEMO_PASSWORD = 'demo team passphrase';
const [MANAGER, REP] = DEMO_PEOPLE as [(typeof DEMO_PEOPLE)[0], (typeof DEMO_PEOPLE)[1]];

interface Customer {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  version: number;
}

describe.skipIf(!hasChromium)('the console in a real browser', () => {
  let quickstart: QuickstartServer;
  let server: RunningServer;
  let browser: ConsoleBrowser;
  let admin: { email: string; password: string };
  const tabs: Tab[] = [];
  const shots = artifactsFolder('console');

  beforeAll(async () => {
    // Rate limits off: on the fixed test clock a person's bucket never refills, and a browser
    // session's pages make hundreds of requests (rate limits are tested in the server package).
    quickstart = await bootQuickstartServer({
      customers: 120,
      deals: 150,
      password: DEMO_PASSWORD,
      rateLimit: false,
    });
    // What `rapport serve` does on a first start: an admin user with a password it prints once.
    const made = await ensureAdminUser(quickstart.t.kernel, {}, quickstart.t.kernel.logger);
    if (made.kind !== 'created') throw new Error(`expected a new admin user, got ${made.kind}`);
    admin = { email: made.email, password: made.password };
    server = await serveRapport(quickstart.t.kernel, quickstart.app, {
      port: 0,
      hostname: '127.0.0.1',
      shutdownGraceMs: 1_000,
    });
    browser = await launchConsoleBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (options?: Parameters<ConsoleBrowser['open']>[0]) => {
    const tab = await browser.open(options);
    tabs.push(tab);
    return tab;
  };

  /** Keeps a screenshot of the page and checks it with axe-core. */
  const check = async (page: Page, name: string) => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page), `${name}: serious accessibility violations`).toEqual([]);
  };

  const system = <T>(entity: string) =>
    quickstart.t.kernel.data<T & { id: string }>(entity, { actor: SYSTEM_ACTOR });
  const userId = async (email: string) =>
    (await quickstart.t.kernel.resolve(USERS).resolve(email, { actor: SYSTEM_ACTOR })).id;

  it('an admin signs in with the printed password, finds a customer by phone and sees a field error naming its rule', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, '01-sign-in');

    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The e-mail or password is not right.' }).waitFor();

    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByText('Signed in as Administrator').waitFor();
    await page.locator('.tile__value').first().waitFor();
    await check(page, '02-dashboard');

    // A British number typed the way people write it at home: brackets, spaces, a leading 0.
    const { items } = await system<Customer>('customer').find({
      where: { phone: { startsWith: '+44' }, 'futureValue.fittedAt': { exists: true } },
      limit: 1,
    });
    const customer = items[0] as Customer;
    const national = `0${(customer.phone as string).slice(3)}`;
    const typed = `(${national.slice(0, 5)}) ${national.slice(5, 8)} ${national.slice(8)}`;
    await page.getByRole('searchbox', { name: 'Search' }).fill(typed);
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: `Search results for “${typed}”` }).waitFor();
    const found = page.getByRole('region', { name: 'Customers' }).getByRole('link', { name: customer.name });
    await found.first().waitFor();
    await check(page, '03-search-by-phone');

    // Enough interactions that the timeline needs a second page.
    for (let day = 1; day <= 24; day += 1) {
      await quickstart.t.kernel.data('interaction', { actor: SYSTEM_ACTOR }).create({
        customerId: customer.id,
        channel: 'phone',
        direction: 'inbound',
        subject: `Call number ${day}`,
        occurredAt: new Date(Date.UTC(2026, 4, day, 9)).toISOString(),
      });
    }
    await found.first().click();
    await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();

    // The customer 360 page: classification first, the 7P profile, contacts, the paged timeline, future value.
    const stored = await system<Customer & { lifecycleStage: string; abcClass?: string }>('customer').get(
      customer.id,
    );
    const classification = page.getByRole('region', { name: 'Classification' });
    await classification.getByText('Lifecycle stage').waitFor();
    await classification.getByText(stored.lifecycleStage, { exact: true }).waitFor();
    if (stored.abcClass) await classification.getByText('Abc class').waitFor();
    const profile = page.getByRole('region', { name: '7P profile' });
    for (const part of ['Profiling', 'Persistency', 'Profitability', 'Performance']) {
      await profile.getByRole('heading', { name: new RegExp(`^${part}`) }).waitFor();
    }
    await profile.getByText(`lifecycle stage ${stored.lifecycleStage}`).waitFor();
    await page.getByRole('region', { name: 'Contacts' }).waitFor();
    // Its future value, fitted by the demo's recompute, in the sentence people read.
    await page
      .getByRole('region', { name: 'Future value' })
      .getByText(/active: \d+%; expected \d+\.\d purchases/)
      .waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Call number 24').waitFor();
    expect(await timeline.getByRole('listitem').count()).toBe(20);
    await timeline.getByRole('button', { name: 'Show older entries' }).click();
    await timeline.getByText('Call number 1', { exact: true }).waitFor();
    expect(await timeline.getByRole('listitem').count()).toBeGreaterThan(20);
    await check(page, '04-customer-360');

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit customer' }).waitFor();
    const email = page.locator('#field-email');
    await email.fill('not-an-address');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await email.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(await page.locator(`#${errorId}`).textContent()).toBe(
      'is not a valid e-mail address (rule: customers.email)',
    );
    await expect.poll(() => email.evaluate((element) => element.matches(':focus'))).toBe(true);
    await check(page, '05-field-error');
    // Nothing was written.
    expect((await system<Customer>('customer').get(customer.id)).email).toBe(customer.email);

    await page.goto(`${server.url}/console/records/customers/new`);
    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
    await page.getByLabel(/^Kind/).selectOption('person');
    await page.getByLabel(/^Name/).fill('Zhang Min');
    await page.getByLabel(/^Email/).fill('zhang.min@example.cn');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zhang Min' }).waitFor();
    expect(await page.getByText('zhang.min@example.cn').count()).toBeGreaterThan(0);
  }, 180_000);

  it("shows a scorecard's strategy map and its table by perspective on the scorecard's page", async () => {
    const { page } = await open();
    await signInWithPassword(page, server.url, admin.email, admin.password);
    const scorecard = (await system<{ name: string }>('scorecard').find({ limit: 1 })).items[0];
    await page.goto(`${server.url}/console/records/scorecards/${scorecard?.id}`);
    await page.locator('bsc-strategy-map img[alt^="Strategy map of"]').waitFor();
    await page
      .locator('bsc-scorecard-table table caption')
      .filter({ hasText: 'Company scorecard' })
      .waitFor();
    expect(await page.locator('bsc-scorecard-table tr.kpi').count()).toBeGreaterThan(0);
    await check(page, 'bsc-scorecard');
  });

  it("redeems points from a member's page: an overdraw is refused naming the balance, a redeem lowers it", async () => {
    const { page } = await open();
    await signInWithPassword(page, server.url, admin.email, admin.password);
    const { items } = await system<{ balance: number; status: string }>('loyaltyMember').find({
      where: { status: 'active', balance: { gte: 10 } },
      limit: 1,
    });
    const member = items[0] as { id: string; balance: number };
    await page.goto(`${server.url}/console/records/loyalty-members/${member.id}`);
    await page.getByRole('button', { name: 'Redeem points' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redeem points' });
    await dialog.getByLabel(/^Points/).fill(String(member.balance + 1));
    await dialog.getByRole('button', { name: 'Redeem points' }).click();
    await dialog.getByText(`the balance is ${member.balance} points`, { exact: false }).waitFor();
    await check(page, 'loyalty-redeem-refused');
    expect((await system<{ balance: number }>('loyaltyMember').get(member.id)).balance).toBe(member.balance);

    await dialog.getByLabel(/^Points/).fill('5');
    await dialog.getByLabel(/^Note/).fill('Coffee mug');
    await dialog.getByRole('button', { name: 'Redeem points' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await system<{ balance: number }>('loyaltyMember').get(member.id)).balance)
      .toBe(member.balance - 5);
    await page.getByRole('region', { name: 'Points ledger' }).getByText('Coffee mug').waitFor();
  });

  it("merges a duplicate from a customer's page after a preview of what moves; Back changes nothing", async () => {
    const { page } = await open();
    await signInWithPassword(page, server.url, admin.email, admin.password);
    const { items } = await system<Customer>('customer').find({
      where: { kind: 'organisation' },
      sort: ['name'],
      limit: 1,
    });
    const survivor = items[0] as Customer;
    const write = (entity: string) => quickstart.t.kernel.data(entity, { actor: SYSTEM_ACTOR });
    const duplicate = await write('customer').create({
      kind: 'organisation',
      name: 'Zebra Duplicate Trading',
    });
    await write('interaction').create({
      customerId: duplicate.id,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Called about the duplicate account',
    });
    await page.goto(`${server.url}/console/records/customers/${survivor.id}`);
    await page.getByRole('button', { name: 'Merge a duplicate into this customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge a duplicate into this customer' });
    await dialog.getByRole('combobox', { name: /^Duplicate/ }).fill('Zebra Duplicate');
    await dialog.getByRole('option', { name: /Zebra Duplicate Trading/ }).click();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'What will happen' });
    await preview.getByText('Interaction').waitFor();
    await check(page, 'customer-merge-preview');
    // the preview wrote nothing: the duplicate and its interaction are where they were
    expect(await system('customer').get(duplicate.id)).toMatchObject({ name: duplicate.name });

    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await preview.getByRole('button', { name: 'Merge a duplicate into this customer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => {
        const moved = await system<{ customerId: string }>('interaction').find({
          where: { subject: 'Called about the duplicate account' },
        });
        return moved.items.map((interaction) => interaction.customerId);
      })
      .toEqual([survivor.id]);
    await expect(system('customer').get(duplicate.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('explains a version conflict between two browser contexts, and the second save loses nothing', async () => {
    const first = await open();
    const second = await open();
    await signInWithPassword(first.page, server.url, admin.email, admin.password);
    await signInWithPassword(second.page, server.url, admin.email, admin.password);
    const { items } = await system<Customer>('customer').find({ sort: ['name'], limit: 1 });
    const customer = items[0] as Customer;
    const edit = `${server.url}/console/records/customers/${customer.id}/edit`;
    for (const { page } of [first, second]) {
      await page.goto(edit);
      await page.getByRole('heading', { level: 1, name: 'Edit customer' }).waitFor();
      await expect.poll(() => page.locator('#field-name').inputValue()).toBe(customer.name);
    }

    await first.page.locator('#field-email').fill('first.tab@example.com');
    await first.page.getByRole('button', { name: 'Save' }).click();
    await first.page.getByRole('heading', { level: 1, name: customer.name }).waitFor();

    await second.page.locator('#field-name').fill(`${customer.name} Jr.`);
    await second.page.getByRole('button', { name: 'Save' }).click();
    const conflict = second.page.getByRole('alert').filter({ hasText: 'Changed by someone else' });
    await conflict.waitFor();
    // The second person's change is still in the form, and nothing of it was written yet.
    expect(await second.page.locator('#field-name').inputValue()).toBe(`${customer.name} Jr.`);
    expect((await system<Customer>('customer').get(customer.id)).name).toBe(customer.name);
    await check(second.page, '06-version-conflict');

    await conflict.getByRole('button', { name: 'Overwrite' }).click();
    await second.page.getByRole('heading', { level: 1, name: `${customer.name} Jr.` }).waitFor();
    const stored = await system<Customer>('customer').get(customer.id);
    expect(stored).toMatchObject({ name: `${customer.name} Jr.`, email: 'first.tab@example.com' });
    expect(await second.page.getByText('first.tab@example.com').count()).toBeGreaterThan(0);
  }, 180_000);

  it('shows a sales rep only their own deals and the manager all of them', async () => {
    const rep = await open();
    await signInWithPassword(rep.page, server.url, REP.email, DEMO_PASSWORD);
    const repId = await userId(REP.email);
    const own = await system<{ ownerId?: string }>('deal').count({ ownerId: repId });
    const all = await system('deal').count();
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(all);

    // The rep's home: their own open deals and activities.
    const openOwn = await system('deal').count({ ownerId: repId, outcome: { exists: false } });
    const work = rep.page.getByRole('region', { name: 'My work' });
    await work
      .getByRole('region', { name: 'My open deals' })
      .getByText(new RegExp(`^${openOwn} records?$`))
      .waitFor();
    await work.getByRole('region', { name: 'My open activities' }).waitFor();
    await check(rep.page, '07-rep-home');

    await rep.page.goto(`${server.url}/console/records/deals`);
    const table = rep.page.getByRole('table', { name: 'Deals' });
    await table.getByRole('link').first().waitFor();
    await rep.page.getByText(new RegExp(`^${own} records$`)).waitFor();
    await check(rep.page, '07-rep-deals-list');

    // Another owner's deal is not there for the rep, even by its address.
    const { items } = await system<{ ownerId?: string; title: string }>('deal').find({
      where: { ownerId: { ne: repId } },
      limit: 1,
    });
    const foreign = items[0] as { id: string; title: string };
    await rep.page.goto(`${server.url}/console/records/deals/${foreign.id}`);
    await rep.page.getByText('This record does not exist, or you may not see it.').waitFor();
    expect(await rep.page.getByRole('heading', { name: foreign.title }).count()).toBe(0);

    // The manager's console speaks her language (Simplified Chinese) and shows every deal.
    const manager = await open();
    await signInWithPassword(manager.page, server.url, MANAGER.email, DEMO_PASSWORD, '仪表盘');
    await manager.page.goto(`${server.url}/console/records/deals`);
    await manager.page.getByText(new RegExp(`^${all} 条记录$`)).waitFor();
    // Field and entity names in her language too.
    await manager.page.getByRole('heading', { level: 1, name: '商机' }).waitFor();
    for (const column of ['标题', '客户', '标签']) {
      await manager.page.getByRole('columnheader', { name: column }).first().waitFor();
    }
    await check(manager.page, '08-manager-deals-zh');
  }, 180_000);

  it("shows a sales rep a deal's probability locked in the edit form, and the manager may change it", async () => {
    const rep = await open();
    await signInWithPassword(rep.page, server.url, REP.email, DEMO_PASSWORD);
    const { items } = await system<{ title: string; probability?: number }>('deal').find({
      where: { ownerId: await userId(REP.email), outcome: { exists: false } },
      limit: 1,
    });
    const deal = items[0] as { id: string; title: string; probability?: number };
    await rep.page.goto(`${server.url}/console/records/deals/${deal.id}/edit`);
    const probability = rep.page.getByLabel(/^Probability/);
    await probability.waitFor();
    // A real browser disables every control inside the disabled fieldset the form wraps it in.
    expect(await probability.isDisabled()).toBe(true);
    expect(await probability.inputValue()).toBe(String(deal.probability ?? ''));
    await rep.page.getByText('Your role may not change this field.').first().waitFor();
    expect(await rep.page.getByLabel(/^Title/).isDisabled()).toBe(false);
    await check(rep.page, '08-rep-deal-probability-locked');
    // saving an edit sends what the rep changed, not the fields a deal keeps fixed (openedAt)
    await rep.page.getByLabel(/^Title/).fill(`${deal.title} (revised)`);
    await rep.page.getByRole('button', { name: 'Save' }).click();
    await rep.page.getByRole('heading', { level: 1, name: `${deal.title} (revised)` }).waitFor();
    expect(await system<{ title: string }>('deal').get(deal.id)).toMatchObject({
      title: `${deal.title} (revised)`,
    });

    const manager = await open();
    await signInWithPassword(manager.page, server.url, MANAGER.email, DEMO_PASSWORD, '仪表盘');
    await manager.page.goto(`${server.url}/console/records/deals/${deal.id}/edit`);
    await manager.page.locator('input[name="probability"]').waitFor();
    expect(await manager.page.locator('input[name="probability"]').isDisabled()).toBe(false);
  }, 180_000);

  it('moves a deal on the pipeline board by dragging and from the keyboard; its probability follows, a refused move says why', async () => {
    const { page } = await open();
    await signInWithPassword(page, server.url, admin.email, admin.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Pipeline', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline' }).waitFor();
    await expect.poll(() => page.getByLabel('Pipeline', { exact: true }).inputValue()).toBe('new-business');
    const lane = (name: string) => page.getByRole('region', { name, exact: true });
    await lane('Qualification').getByText('Probability 10%').waitFor();

    const { items } = await system<{ title: string; customerId: string; probability: number }>('deal').find({
      where: { pipeline: 'new-business', stage: 'qualification', outcome: { exists: false } },
      sort: ['-expectedCloseDate'],
      limit: 1,
    });
    const deal = items[0] as { id: string; title: string; customerId: string; probability: number };
    expect(deal.probability).toBe(10);
    const card = (name: string) =>
      lane(name)
        .getByRole('listitem')
        .filter({ has: page.locator(`a[href$="/records/deals/${deal.id}"]`) });
    const probability = (name: string) =>
      card(name)
        .locator('dt', { hasText: /^Probability$/ })
        .locator('xpath=following-sibling::dd[1]');
    // Cards name their customer and owner once those load; drag only after the layout settled.
    const customerName = (await system<{ name: string }>('customer').get(deal.customerId)).name;
    await card('Qualification').getByRole('link', { name: customerName }).waitFor();
    const { ownerId } = await system<{ ownerId?: string }>('deal').get(deal.id);
    if (ownerId) {
      const owner = await quickstart.t.kernel.resolve(USERS).resolve(ownerId, { actor: SYSTEM_ACTOR });
      await card('Qualification').getByText(owner.name, { exact: true }).waitFor();
    }
    await check(page, '09-pipeline-board');

    // Dropped on the lane's heading, beside the card: nothing scrolls while the drag starts.
    await card('Qualification').dragTo(lane('Proposal'), {
      sourcePosition: { x: 12, y: 12 },
      targetPosition: { x: 12, y: 12 },
    });
    await page.getByRole('status').filter({ hasText: 'Moved to Proposal.' }).waitFor();
    await expect.poll(() => probability('Proposal').textContent()).toBe('50');
    expect(await system<{ stage: string; probability: number }>('deal').get(deal.id)).toMatchObject({
      stage: 'proposal',
      probability: 50,
      forecastCategory: 'best-case',
    });

    // The keyboard way: the card's "Move to" list.
    await card('Proposal').getByLabel('Move to').selectOption({ label: 'Move to: Negotiation' });
    await page.getByRole('status').filter({ hasText: 'Moved to Negotiation.' }).waitFor();
    await expect.poll(() => probability('Negotiation').textContent()).toBe('80');

    // Lost needs a reason: the board says so and the deal stays where it was.
    await card('Negotiation').getByLabel('Move to').selectOption({ label: 'Move to: Lost' });
    await page.getByRole('status').filter({ hasText: 'The move was refused' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('outcomeReason');
    await card('Negotiation').waitFor();
    expect((await system<{ stage: string }>('deal').get(deal.id)).stage).toBe('negotiation');
    await check(page, '10-pipeline-refused');

    await page.getByLabel('Pipeline', { exact: true }).selectOption({ label: 'Renewals' });
    await lane('Upcoming').waitFor();
  }, 180_000);

  it('converts a qualified lead from its page and opens the deal it became; the sales reports chart the funnel, forecast and velocity', async () => {
    const { page } = await open();
    await signInWithPassword(page, server.url, admin.email, admin.password);
    const { items } = await system<{ name: string; status: string }>('lead').find({
      where: { status: 'qualified' },
      limit: 1,
    });
    const lead = items[0] as { id: string; name: string };
    await page.goto(`${server.url}/console/records/leads/${lead.id}`);
    await page.getByRole('heading', { level: 1, name: lead.name }).waitFor();
    await page.getByRole('button', { name: 'Convert to customer and deal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Convert this lead?').waitFor();
    await check(page, '11-lead-convert');
    await dialog.getByRole('button', { name: 'Confirm' }).click();

    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await expect.poll(() => page.url()).toMatch(/\/console\/records\/deals\/[\w-]+$/);
    const converted = await system<{ status: string; dealId?: string; customerId?: string }>('lead').get(
      lead.id,
    );
    expect(converted.status).toBe('converted');
    expect(page.url()).toContain(converted.dealId as string);
    const deal = await system<{ title: string; leadId?: string }>('deal').get(converted.dealId as string);
    expect(deal.leadId).toBe(lead.id);
    await page.getByRole('heading', { level: 1, name: deal.title }).waitFor();

    // Converted, the lead no longer offers the action.
    await page.goto(`${server.url}/console/records/leads/${lead.id}`);
    await page.getByRole('heading', { level: 1, name: lead.name }).waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Convert to customer and deal' }).count()).toBe(0);

    await page.goto(`${server.url}/console/views/sales.reports`);
    for (const name of [
      'Funnel: deals reaching each stage',
      'Weighted forecast by category',
      'Velocity: average days per stage',
    ]) {
      await page.getByRole('region', { name }).getByRole('img', { name }).waitFor();
    }
    const funnel = page.getByRole('region', { name: 'Funnel: deals reaching each stage' });
    await funnel.getByText('Data').click();
    const funnelData = funnel.locator('details').getByRole('table');
    await funnelData.getByRole('columnheader', { name: 'Reached' }).waitFor();
    await funnelData.getByRole('row').filter({ hasText: 'Qualification' }).waitFor();
    const forecast = page.getByRole('region', { name: 'Weighted forecast by category' });
    await forecast.getByText('Data').click();
    const forecastData = forecast.locator('details').getByRole('table');
    await forecastData.getByRole('columnheader', { name: 'Best case' }).waitFor();
    expect(await forecastData.getByRole('cell').filter({ hasText: '€' }).count()).toBeGreaterThan(0);
    await check(page, '12-sales-reports');
  }, 180_000);

  it('fits a tablet: the customer list, a customer page and a deal form are no wider than a 768 px screen', async () => {
    const { page } = await open({ width: 768, height: 1024 });
    await signInWithPassword(page, server.url, admin.email, admin.password);
    // the page's own width beyond the screen (a table or a board may scroll inside its box)
    const overflow = () =>
      page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ) as Promise<number>;
    const widest = () =>
      page.evaluate(
        `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 12).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')`,
      );
    await page.goto(`${server.url}/console/records/customers`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('tr.record-row').first().waitFor();
    expect(await overflow(), 'customer list').toBeLessThanOrEqual(0);
    await check(page, 'tablet-customer-list');
    const { items } = await system<Customer>('customer').find({ sort: ['name'], limit: 1 });
    await page.goto(`${server.url}/console/records/customers/${(items[0] as Customer).id}`);
    await page.getByRole('heading', { level: 1, name: (items[0] as Customer).name }).waitFor();
    expect(await overflow(), `customer page: ${await widest()}`).toBeLessThanOrEqual(0);
    await check(page, 'tablet-customer-page');
    const deals = await system<{ title: string }>('deal').find({ limit: 1 });
    await page.goto(`${server.url}/console/records/deals/${deals.items[0]?.id}/edit`);
    await page.getByLabel(/^Title/).waitFor();
    expect(await overflow(), 'deal form').toBeLessThanOrEqual(0);
  });

  it('signs out, after which the session cookie no longer works', async () => {
    const { page, context } = await open();
    await signInWithPassword(page, server.url, REP.email, DEMO_PASSWORD);
    const cookie = (await context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = () => fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect((await me()).status).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await me()).status).toBe(401);
    await page.goto(`${server.url}/console/records/deals`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  }, 120_000);

  it('ran without content-security-policy refusals or uncaught errors', () => {
    const problems = tabs.flatMap((tab) => tab.problems);
    expect(problems.filter((text) => /Content Security Policy|Refused to|Uncaught/i.test(text))).toEqual([]);
  });
});
