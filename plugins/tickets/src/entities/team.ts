import { defineEntity, type EntityRecord, key, list, ref, text } from '@rapport/core';

/** A service team: members (user ids), its queue and whom escalations go to. */
export interface Team {
  key: string;
  name: string;
  /** User ids; an agent sees the tickets of the teams they are a member of. */
  members: string[];
  /** The team lead or escalation contact (a user id). */
  escalationContact?: string;
  /** Ticket types this team's queue takes by default. */
  queueTypes?: string[];
}

/** A stored team. */
export type TeamRecord = EntityRecord<Team>;

/** The `team` entity. */
export const TeamEntity = defineEntity<Team>({
  name: 'team',
  plural: 'teams',
  description: 'A service team: members, its queue and an escalation contact.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      members: { ...list(ref, 500, { uniqueItems: true }), default: [] },
      escalationContact: ref,
      queueTypes: list(text(50), 10, { uniqueItems: true }),
    },
    required: ['key', 'name'],
  },
  indexes: [{ fields: ['key'], unique: true }],
  search: ['name', 'key'],
});
