import { defineEntity, definePlugin, enumOf, ref } from '@rapport/core';

/** How a person feels, as an agent noted it. */
export interface Mood {
  personId: string;
  feeling: 'happy' | 'neutral' | 'sad';
}

/** The `mood` entity. */
export const MoodEntity = defineEntity<Mood>({
  name: 'mood',
  plural: 'moods',
  description: 'How a person feels, as noted by whoever spoke to them.',
  schema: {
    type: 'object',
    properties: { personId: ref, feeling: enumOf(['happy', 'neutral', 'sad']) },
    required: ['personId', 'feeling'],
  },
  indexes: ['personId'],
});

/** Id of the mood plugin. */
export const MOOD_PLUGIN_ID = 'mood';

/**
 * A plugin the hello plugin uses when it is installed and does without otherwise (its
 * `optionalDependsOn`): with it, a sad mood gets a cheer-up greeting.
 */
export const mood = definePlugin({
  id: MOOD_PLUGIN_ID,
  version: '0.1.0',
  description: 'Moods: how people feel; hello cheers up the sad ones when both are installed.',
  dependsOn: ['people'],
  register(ctx) {
    ctx.entities.define(MoodEntity);
  },
});
