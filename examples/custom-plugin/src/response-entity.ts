import { dateTime, defineEntity, integerBetween, ref, text } from '@rapport/core';

/** One answer to the NPS question "How likely are you to recommend us to a friend?". */
export interface NpsResponse {
  customerId: string;
  /** 0 (not at all likely) to 10 (extremely likely). */
  score: number;
  comment?: string;
  /** When the customer answered (the survey page sets it from the kernel clock). */
  answeredAt: string;
}

/**
 * The `npsResponse` entity: answers come from the public survey page (acting through its link
 * token) or from an agent recording one given on the phone (`POST /api/nps-responses`).
 */
export const NpsResponseEntity = defineEntity<NpsResponse>({
  name: 'npsResponse',
  plural: 'npsResponses',
  description: 'An answer to the Net Promoter Score survey: a score from 0 to 10 and a comment.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      score: { ...integerBetween(0, 10), examples: [9] },
      comment: text(2000, { minLength: 0 }),
      answeredAt: dateTime,
    },
    required: ['customerId', 'score', 'answeredAt'],
  },
  indexes: ['customerId', 'answeredAt'],
});
