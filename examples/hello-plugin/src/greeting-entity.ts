import { computed, dateTime, defineEntity, enumOf, integerBetween, ref, text } from '@rapport/core';

/** The channels a greeting goes out on. */
export const GREETING_CHANNELS = ['email', 'none'] as const;

/** A greeting sent to a person. */
export interface Greeting {
  personId: string;
  /** The person's account manager (a user id), copied when the greeting is written. */
  ownerId?: string;
  text: string;
  channel: (typeof GREETING_CHANNELS)[number];
  /** 1 to 5 stars, from the person's rating page. */
  rating?: number;
  ratedAt?: string;
}

/**
 * The `greeting` entity. Every field is computed: greetings are written by the plugin (its event
 * handler, and the rating page acting through a link token), never through the data API.
 */
export const GreetingEntity = defineEntity<Greeting>({
  name: 'greeting',
  plural: 'greetings',
  description: 'A greeting sent to a person when they were added.',
  schema: {
    type: 'object',
    properties: {
      personId: computed(ref),
      ownerId: computed(ref),
      text: computed(text(500)),
      channel: computed(enumOf(GREETING_CHANNELS)),
      rating: computed(integerBetween(1, 5)),
      ratedAt: computed(dateTime),
    },
    required: ['personId', 'text', 'channel'],
  },
  indexes: ['personId', 'ownerId'],
});
