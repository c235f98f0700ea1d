import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertBusinessHours, type BusinessHours } from './business-calendar.js';
import { addBusinessTime, businessTimeBetween } from './business-time.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const split = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];
/** Mon–Fri 09:00–12:00 and 13:00–18:00, Christmas Eve 2026 off, 25 and 26 December every year. */
const berlin: BusinessHours = {
  timeZone: 'Europe/Berlin',
  hours: { mon: split, tue: split, wed: split, thu: split, fri: split },
  holidays: [
    { date: '2026-12-24' },
    { date: '2000-12-25', recurring: true },
    { date: '2000-12-26', recurring: true },
  ],
};
const newYork: BusinessHours = { ...berlin, timeZone: 'America/New_York', holidays: [] };
const shanghaiDay = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '18:00' },
];
const shanghai: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  hours: {
    mon: shanghaiDay,
    tue: shanghaiDay,
    wed: shanghaiDay,
    thu: shanghaiDay,
    fri: shanghaiDay,
    sat: shanghaiDay,
  },
  holidays: [{ date: '2000-10-01', recurring: true }],
};
const allDay = [{ from: '00:00', to: '24:00' }];
const always: BusinessHours = {
  timeZone: 'Europe/Berlin',
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

describe('addBusinessTime, Europe/Berlin split shifts', () => {
  it('is due at the closing instant when the target ends exactly at closing', () => {
    // Wed 3 June 2026 16:00 CEST + 2 h = 18:00 CEST the same day, not Thursday 09:00
    expect(iso(addBusinessTime(berlin, at('2026-06-03T14:00:00Z'), 2 * H))).toBe('2026-06-03T16:00:00.000Z');
  });
  it('carries over the night', () => {
    // Wed 17:00 + 2 h: 1 h to 18:00, 1 h from Thu 09:00 → Thu 10:00 CEST
    expect(iso(addBusinessTime(berlin, at('2026-06-03T15:00:00Z'), 2 * H))).toBe('2026-06-04T08:00:00.000Z');
  });
  it('skips the lunch break of a split shift', () => {
    // Wed 11:00 + 2 h: 11–12, then 13–14 → 14:00 CEST
    expect(iso(addBusinessTime(berlin, at('2026-06-03T09:00:00Z'), 2 * H))).toBe('2026-06-03T12:00:00.000Z');
  });
  it('is due at 12:00, the end of the morning shift, when used up there', () => {
    expect(iso(addBusinessTime(berlin, at('2026-06-03T08:00:00Z'), 2 * H))).toBe('2026-06-03T10:00:00.000Z');
  });
  it('starts the clock at the next opening when created outside hours', () => {
    // Wed 20:00 CEST + 1 h → Thu 10:00 CEST; created at lunch 12:30 + 30 min → 13:30
    expect(iso(addBusinessTime(berlin, at('2026-06-03T18:00:00Z'), H))).toBe('2026-06-04T08:00:00.000Z');
    expect(iso(addBusinessTime(berlin, at('2026-06-03T10:30:00Z'), H / 2))).toBe('2026-06-03T11:30:00.000Z');
  });
  it('counts to the second, not to whole minutes', () => {
    // Wed 13:26:36 CEST + 30 min → 13:56:36
    expect(iso(addBusinessTime(berlin, at('2026-06-03T11:26:36Z'), H / 2))).toBe('2026-06-03T11:56:36.000Z');
  });
  it('skips the weekend', () => {
    // Fri 5 June 17:00 + 2 h → Mon 8 June 10:00 CEST
    expect(iso(addBusinessTime(berlin, at('2026-06-05T15:00:00Z'), 2 * H))).toBe('2026-06-08T08:00:00.000Z');
  });
  it('skips dated and recurring holidays', () => {
    // Wed 23 Dec 2026 17:00 CET + 2 h: 24 (dated), 25, 26 (recurring), weekend → Mon 28 Dec 10:00 CET
    expect(iso(addBusinessTime(berlin, at('2026-12-23T16:00:00Z'), 2 * H))).toBe('2026-12-28T09:00:00.000Z');
    // 24 Dec 2027 is a working Friday: the dated holiday was 2026 only
    expect(iso(addBusinessTime(berlin, at('2027-12-23T16:00:00Z'), 2 * H))).toBe('2027-12-24T09:00:00.000Z');
    // Fri 22 Dec 2028 17:00 + 2 h: Mon 25 and Tue 26 recur → Wed 27 Dec 10:00 CET
    expect(iso(addBusinessTime(berlin, at('2028-12-22T16:00:00Z'), 2 * H))).toBe('2028-12-27T09:00:00.000Z');
  });
  it('follows spring forward (29 March 2026): offsets move from +01:00 to +02:00', () => {
    // Fri 27 Mar 17:00 CET (16:00Z) + 2 h → Mon 30 Mar 10:00 CEST (08:00Z)
    expect(iso(addBusinessTime(berlin, at('2026-03-27T16:00:00Z'), 2 * H))).toBe('2026-03-30T08:00:00.000Z');
    // 24 business hours on a 24/7 calendar are 24 real hours across the short night
    expect(iso(addBusinessTime(always, at('2026-03-28T11:00:00Z'), 24 * H))).toBe('2026-03-29T11:00:00.000Z');
  });
  it('follows fall back (25 October 2026): offsets move from +02:00 to +01:00', () => {
    // Fri 23 Oct 17:00 CEST (15:00Z) + 2 h → Mon 26 Oct 10:00 CET (09:00Z)
    expect(iso(addBusinessTime(berlin, at('2026-10-23T15:00:00Z'), 2 * H))).toBe('2026-10-26T09:00:00.000Z');
  });
  it('counts a shift across a change by its real length', () => {
    const night = { ...always, hours: { sun: [{ from: '01:00', to: '04:00' }] } };
    expect(businessTimeBetween(night, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(2 * H);
    expect(businessTimeBetween(night, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(4 * H);
  });
});

describe('addBusinessTime, America/New_York and Asia/Shanghai', () => {
  it('follows spring forward (8 March 2026)', () => {
    // Fri 6 Mar 17:00 EST (22:00Z) + 2 h → Mon 9 Mar 10:00 EDT (14:00Z)
    expect(iso(addBusinessTime(newYork, at('2026-03-06T22:00:00Z'), 2 * H))).toBe('2026-03-09T14:00:00.000Z');
  });
  it('follows fall back (1 November 2026)', () => {
    // Fri 30 Oct 17:00 EDT (21:00Z) + 2 h → Mon 2 Nov 10:00 EST (15:00Z)
    expect(iso(addBusinessTime(newYork, at('2026-10-30T21:00:00Z'), 2 * H))).toBe('2026-11-02T15:00:00.000Z');
  });
  it('keeps a Shanghai calendar with Saturdays and National Day', () => {
    // Wed 30 Sep 2026 17:00 CST (09:00Z) + 2 h: 1 h, Thu 1 Oct off → Fri 2 Oct 10:00 CST (02:00Z)
    expect(iso(addBusinessTime(shanghai, at('2026-09-30T09:00:00Z'), 2 * H))).toBe(
      '2026-10-02T02:00:00.000Z',
    );
    // Fri 2 Oct 17:00 + 2 h: 1 h, then Saturday 09:00 → Sat 3 Oct 10:00 CST; lunch ends 13:30
    expect(iso(addBusinessTime(shanghai, at('2026-10-02T09:00:00Z'), 2 * H))).toBe(
      '2026-10-03T02:00:00.000Z',
    );
    expect(iso(addBusinessTime(shanghai, at('2026-10-05T03:30:00Z'), H))).toBe('2026-10-05T06:00:00.000Z');
  });
});

describe('paused time', () => {
  it('pushes the due time out by the business time paused', () => {
    // Wed 09:00 + 4 h is 14:00; paused 10:00–11:30 → 15:30 CEST
    const paused = [{ from: at('2026-06-03T08:00:00Z'), to: at('2026-06-03T09:30:00Z') }];
    expect(iso(addBusinessTime(berlin, at('2026-06-03T07:00:00Z'), 4 * H, paused))).toBe(
      '2026-06-03T13:30:00.000Z',
    );
    // a pause outside working hours changes nothing
    const night = [{ from: at('2026-06-03T18:00:00Z'), to: at('2026-06-04T06:00:00Z') }];
    expect(iso(addBusinessTime(berlin, at('2026-06-03T15:00:00Z'), 2 * H, night))).toBe(
      '2026-06-04T08:00:00.000Z',
    );
  });
  it('never shortens the time owed, and counts exactly what was not paused', () => {
    const base = at('2026-03-02T08:00:00Z');
    const span = 60 * 24 * H;
    const intervalArb = fc
      .tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 1, max: 5 * 24 * H }))
      .map(([offset, length]) => ({ from: base + offset, to: base + offset + length }));
    fc.assert(
      fc.property(
        fc.array(intervalArb, { maxLength: 5 }),
        fc.integer({ min: 1, max: 80 * H }),
        (pauses, target) => {
          const plain = addBusinessTime(berlin, base, target);
          const paused = addBusinessTime(berlin, base, target, pauses);
          expect(paused).toBeGreaterThanOrEqual(plain);
          // the business time owed is still there, once the paused parts are taken out
          expect(businessTimeBetween(berlin, base, paused, pauses)).toBe(target);
        },
      ),
      { numRuns: 150, seed: 16 },
    );
  });
});

describe('calendar validation', () => {
  it('names the field and the rule', () => {
    expect(() => assertBusinessHours({ ...berlin, timeZone: '+02:00' })).toThrow(/timeZone/);
    expect(() =>
      assertBusinessHours({ ...berlin, hours: { mon: [{ from: '12:00', to: '09:00' }] } }),
    ).toThrow('hours.mon[0].to must be after from (12:00)');
    expect(() =>
      assertBusinessHours({
        ...berlin,
        hours: {
          mon: [
            { from: '09:00', to: '13:00' },
            { from: '12:00', to: '18:00' },
          ],
        },
      }),
    ).toThrow('hours.mon[1].from must not overlap');
    expect(() => assertBusinessHours({ ...berlin, hours: {} })).toThrow('at least one working shift');
    expect(() => assertBusinessHours({ ...berlin, holidays: [{ date: '2026-02-30' }] })).toThrow(
      'holidays[0].date',
    );
    expect(() => assertBusinessHours(berlin)).not.toThrow();
  });
});
