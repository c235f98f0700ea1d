import { defineEntity, type EntityRecord, key, text } from '@rapport/core';
import { type BusinessHours, WEEKDAYS } from '../sla/business-calendar.js';

/** A business calendar: working hours per weekday (split shifts allowed), a time zone, holidays. */
export interface BusinessCalendar extends BusinessHours {
  /** Unique, immutable: policies refer to the calendar by it (`berlin-office`). */
  key: string;
  name: string;
}

/** A stored business calendar. */
export type BusinessCalendarRecord = EntityRecord<BusinessCalendar>;

const SHIFTS = {
  type: 'array',
  maxItems: 8,
  items: {
    type: 'object',
    properties: {
      from: { type: 'string', maxLength: 5, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
      to: { type: 'string', maxLength: 5, pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' },
    },
    required: ['from', 'to'],
    additionalProperties: false,
  },
};

/** The `businessCalendar` entity (checked further by `assertBusinessHours` on every write). */
export const BusinessCalendarEntity = defineEntity<BusinessCalendar>({
  name: 'businessCalendar',
  plural: 'businessCalendars',
  description:
    'Working hours per weekday (split shifts allowed), an IANA time zone and holidays (dated or every year).',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      timeZone: { type: 'string', minLength: 1, maxLength: 64 },
      hours: {
        type: 'object',
        properties: Object.fromEntries(WEEKDAYS.map((day) => [day, SHIFTS])),
        additionalProperties: false,
      },
      holidays: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date', maxLength: 10 },
            recurring: { type: 'boolean', default: false },
            name: text(),
          },
          required: ['date'],
          additionalProperties: false,
        },
      },
    },
    required: ['key', 'name', 'timeZone', 'hours'],
  },
  indexes: [{ fields: ['key'], unique: true }],
  search: ['name', 'key'],
});
