import { type Kernel, SYSTEM_ACTOR, USERS, type UserInput } from '@rapport/core';

/** A person of the demo team, and the demo owner ids (`owner-01` ...) whose records they get. */
export interface DemoPerson extends Omit<UserInput, 'password'> {
  owns: string[];
}

/** The key of the demo service team (the tickets demo's `support` team). */
export const DEMO_SERVICE_TEAM = 'support';

const owners = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `owner-${String(from + i).padStart(2, '0')}`);

/**
 * The demo team: a sales manager who sees every sales record and two reps who see their own
 * (the sales plugin's record rules), and a service agent on the demo support team, who sees that
 * team's tickets (the tickets plugin's team rule reads the user's `team`). The demo data's twelve
 * owners are shared among the sales people, so every demo customer and deal with an owner belongs
 * to one of them. The first admin is made by `rapport serve` on first start (it prints the password).
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = Object.freeze([
  {
    name: 'Mei Chen',
    email: 'mei.chen@example.com',
    roles: ['salesManager'],
    team: 'sales',
    language: 'zh-Hans',
    timeZone: 'Asia/Shanghai',
    owns: owners(11, 12),
  },
  {
    name: 'Lukas Weber',
    email: 'lukas.weber@example.com',
    roles: ['salesRep'],
    team: 'sales',
    language: 'en',
    timeZone: 'Europe/Berlin',
    owns: owners(1, 5),
  },
  {
    name: 'Sofia Rossi',
    email: 'sofia.rossi@example.com',
    roles: ['salesRep'],
    team: 'sales',
    language: 'en',
    timeZone: 'Europe/Rome',
    owns: owners(6, 10),
  },
  {
    name: 'Jonas Keller',
    email: 'jonas.keller@example.com',
    roles: ['agent'],
    team: DEMO_SERVICE_TEAM,
    language: 'en',
    timeZone: 'Europe/Berlin',
    owns: [],
  },
]);

/** The demo owner ids mapped to user ids, filled while the demo team is seeded. */
export class DemoOwners {
  readonly #users = new Map<string, string>();
  readonly #teams = new Map<string, string[]>();

  /** The user id for a demo owner id; any other value as it is. */
  userFor(ownerId: string): string {
    return this.#users.get(ownerId) ?? ownerId;
  }

  /** The user ids of the demo people on a team, seeded in this start (none otherwise). */
  membersOf(team: string): string[] {
    return this.#teams.get(team) ?? [];
  }

  /** Whether owner ids are being mapped (the demo team was seeded in this start). */
  get active(): boolean {
    return this.#users.size > 0;
  }

  /**
   * Creates the demo team when none of it exists yet, and maps the demo owner ids to its users
   * for the data seeded next. With `password` every demo person can sign in with it; without,
   * they have no password (an admin sets one with `rapport users reset-password`).
   */
  async seed(kernel: Kernel, password: string | undefined): Promise<number> {
    const accounts = kernel.resolve(USERS);
    const { items } = await accounts.find(
      { where: { emailKey: { in: DEMO_PEOPLE.map((person) => person.email) } }, limit: DEMO_PEOPLE.length },
      { actor: SYSTEM_ACTOR },
    );
    if (items.length > 0) return 0;
    for (const { owns, ...person } of DEMO_PEOPLE) {
      const { user } = await accounts.create(
        { ...person, password: password ?? false },
        { actor: SYSTEM_ACTOR },
      );
      for (const owner of owns) this.#users.set(owner, user.id);
      if (person.team) this.#teams.set(person.team, [...this.membersOf(person.team), user.id]);
    }
    return DEMO_PEOPLE.length;
  }
}
