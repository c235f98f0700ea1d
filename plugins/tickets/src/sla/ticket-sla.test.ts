import { describe, expect, it } from 'vitest';
import type { BusinessHours } from './business-calendar.js';
import { computeTicketSla, type SlaReply, type SlaTargets } from './ticket-sla.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const split = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];
const berlin: BusinessHours = {
  timeZone: 'Europe/Berlin',
  hours: { mon: split, tue: split, wed: split, thu: split, fri: split },
};
const targets: SlaTargets = {
  firstResponseMs: 2 * H,
  resolutionMs: 8 * H,
  nextResponseMs: 4 * H,
  pauseStatuses: ['pending', 'onHold'],
};
// Created Wed 3 June 2026 09:00 CEST (07:00Z)
const createdAt = at('2026-06-03T07:00:00Z');
const opened = [
  { status: 'new', at: createdAt },
  { status: 'open', at: at('2026-06-03T07:30:00Z') },
];

describe('computeTicketSla', () => {
  it('moves a first response from on track to at risk (80 %) to breached', () => {
    const input = { createdAt, history: opened, replies: [] };
    const early = computeTicketSla(berlin, targets, input, at('2026-06-03T08:30:00Z')).firstResponse;
    expect(early).toMatchObject({ status: 'onTrack', usedMs: 1.5 * H });
    expect(iso(early?.dueAt)).toBe('2026-06-03T09:00:00.000Z'); // 11:00 CEST
    expect(iso(early?.atRiskAt)).toBe('2026-06-03T08:36:00.000Z'); // 1 h 36 min used
    expect(early?.nextChangeAt).toBe(early?.atRiskAt);
    const risky = computeTicketSla(berlin, targets, input, at('2026-06-03T08:40:00Z')).firstResponse;
    expect(risky).toMatchObject({ status: 'atRisk', nextChangeAt: at('2026-06-03T09:00:00Z') + 1 });
    // used up exactly at the due instant is still on time; a millisecond later it is breached
    expect(computeTicketSla(berlin, targets, input, at('2026-06-03T09:00:00Z')).firstResponse?.status).toBe(
      'atRisk',
    );
    expect(
      computeTicketSla(berlin, targets, input, at('2026-06-03T09:00:00.001Z')).firstResponse?.status,
    ).toBe('breached');
  });

  it('counts only a public agent reply on a customer-facing channel as the first response', () => {
    const replies: SlaReply[] = [
      { at: at('2026-06-03T07:05:00Z'), author: 'system', public: true }, // automatic acknowledgement
      { at: at('2026-06-03T07:20:00Z'), author: 'agent', public: false }, // internal note
      { at: at('2026-06-03T07:40:00Z'), author: 'agent', public: true, customerFacing: false },
      { at: at('2026-06-03T08:00:00Z'), author: 'agent', public: true },
    ];
    const sla = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: opened, replies },
      at('2026-06-03T12:00:00Z'),
    );
    expect(sla.firstResponse).toMatchObject({ status: 'met', usedMs: H });
  });

  it('stops the clock while pending and resumes it on reopen', () => {
    const history = [
      ...opened,
      { status: 'pending', at: at('2026-06-03T08:00:00Z') }, // Wed 10:00 CEST, 1 h used
      { status: 'open', at: at('2026-06-04T07:00:00Z') }, // Thu 09:00 CEST
    ];
    const whilePaused = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: history.slice(0, 3), replies: [] },
      at('2026-06-03T12:00:00Z'),
    );
    expect(whilePaused.resolution).toMatchObject({ status: 'paused', usedMs: H });
    expect(whilePaused.resolution?.dueAt).toBeUndefined();
    const resumed = computeTicketSla(
      berlin,
      targets,
      { createdAt, history, replies: [] },
      at('2026-06-04T08:00:00Z'),
    );
    // 7 h left from Thu 09:00: 09–12 and 13–17 → Thu 17:00 CEST
    expect(iso(resumed.resolution?.dueAt)).toBe('2026-06-04T15:00:00.000Z');
    expect(resumed.resolution).toMatchObject({ status: 'onTrack', usedMs: 2 * H });
  });

  it('gives the same answer for a late or out-of-order status record', () => {
    const history = [
      { status: 'open', at: at('2026-06-04T07:00:00Z') },
      ...opened,
      { status: 'pending', at: at('2026-06-03T08:00:00Z') },
    ];
    const sla = computeTicketSla(
      berlin,
      targets,
      { createdAt, history, replies: [] },
      at('2026-06-04T08:00:00Z'),
    );
    expect(iso(sla.resolution?.dueAt)).toBe('2026-06-04T15:00:00.000Z');
  });

  it('recomputes from the start, keeping paused time, when the priority (target) changes', () => {
    const history = [
      ...opened,
      { status: 'pending', at: at('2026-06-03T08:00:00Z') },
      { status: 'open', at: at('2026-06-04T07:00:00Z') },
    ];
    const urgent = { ...targets, resolutionMs: 4 * H };
    const sla = computeTicketSla(
      berlin,
      urgent,
      { createdAt, history, replies: [] },
      at('2026-06-04T08:00:00Z'),
    );
    // 1 h on Wed, then 3 h from Thu 09:00 → Thu 12:00 CEST
    expect(iso(sla.resolution?.dueAt)).toBe('2026-06-04T10:00:00.000Z');
  });

  it('resumes the resolution clock where it stopped when a resolved ticket is reopened', () => {
    const resolved = [...opened, { status: 'resolved', at: at('2026-06-03T10:00:00Z') }]; // Wed 12:00, 3 h
    const done = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: resolved, replies: [] },
      at('2026-06-05T10:00:00Z'),
    );
    expect(done.resolution).toMatchObject({ status: 'met', usedMs: 3 * H });
    expect(done.nextChangeAt).toBeUndefined();
    const reopened = [...resolved, { status: 'reopened', at: at('2026-06-04T07:00:00Z') }]; // Thu 09:00
    const sla = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: reopened, replies: [] },
      at('2026-06-04T08:00:00Z'),
    );
    // 5 h left: Thu 09–12, 13–15 → Thu 15:00 CEST
    expect(iso(sla.resolution?.dueAt)).toBe('2026-06-04T13:00:00.000Z');
  });

  it('runs the next response from a customer reply after an agent reply', () => {
    const replies: SlaReply[] = [
      { at: at('2026-06-03T08:00:00Z'), author: 'agent', public: true },
      { at: at('2026-06-03T14:00:00Z'), author: 'customer', public: true }, // Wed 16:00 CEST
      { at: at('2026-06-03T15:00:00Z'), author: 'customer', public: true }, // does not restart it
    ];
    const sla = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: opened, replies },
      at('2026-06-04T07:30:00Z'),
    );
    // 4 h from Wed 16:00: 16–18, Thu 09–11 → Thu 11:00 CEST
    expect(iso(sla.nextResponse?.dueAt)).toBe('2026-06-04T09:00:00.000Z');
    // the resolution (8 h, due Wed 18:00 CEST) is already breached, so it is the most urgent
    expect(sla.resolution?.status).toBe('breached');
    expect(iso(sla.nearestDueAt)).toBe('2026-06-03T16:00:00.000Z');
    const answered = [...replies, { at: at('2026-06-04T08:00:00Z'), author: 'agent' as const, public: true }];
    const after = computeTicketSla(
      berlin,
      targets,
      { createdAt, history: opened, replies: answered },
      at('2026-06-04T10:00:00Z'),
    );
    expect(after.nextResponse).toMatchObject({ status: 'met', usedMs: 3 * H });
  });
});
