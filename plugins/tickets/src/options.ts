import type { JsonSchemaObject } from '@rapport/core';

/** Options of the tickets plugin; every one has a default. */
export interface TicketsOptions {
  /** How often the SLA job moves targets to at risk and breached (a duration: `1m`, `5m`). Default `1m`. */
  slaEvery: string;
  /** How many tickets one SLA job run looks at, at most (the rest wait for the next run). Default 500. */
  slaBatch: number;
  /**
   * Record rule for the `agent` role: an agent sees the tickets of the teams in their actor's
   * `teams` attribute and the tickets assigned to them (service managers and admins see all). Default true.
   */
  agentsSeeTeamTickets: boolean;
  /** A rating at or below this score reopens the ticket. Default 2. */
  lowScore: number;
  /** How long a rating link lives (days: `30d`). Default `30d`. */
  ratingLinkTtl: string;
  /** How long a progress link lives (days: `90d`). Default `90d`. */
  progressLinkTtl: string;
  /** The deployment's public address (`https://crm.example.com`): progress links in messages are absolute URLs below it. */
  publicUrl?: string;
}

/** What `tickets(...)` takes: any option; the rest default. */
export type TicketsInput = Partial<TicketsOptions>;

/** The JSON Schema of {@link TicketsOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    slaEvery: { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$', default: '1m' },
    slaBatch: { type: 'integer', minimum: 1, maximum: 10_000, default: 500 },
    agentsSeeTeamTickets: { type: 'boolean', default: true },
    lowScore: { type: 'integer', minimum: 0, maximum: 4, default: 2 },
    ratingLinkTtl: { type: 'string', pattern: '^\\d{1,3}d$', default: '30d' },
    progressLinkTtl: { type: 'string', pattern: '^\\d{1,3}d$', default: '90d' },
    publicUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 },
  },
  additionalProperties: false,
};
