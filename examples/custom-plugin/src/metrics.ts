import { isoTime, type MetricDefinition, type MetricPeriod } from '@rapport/core';
import { netPromoterScore } from './score.js';

/** The id of the NPS metric. */
export const NPS_SCORE = 'nps.score';
/** The id of the count of answers. */
export const NPS_RESPONSES = 'nps.responses';

const answeredIn = (period: MetricPeriod) => ({
  answeredAt: { gte: isoTime(period.from), lt: isoTime(period.to) },
});

/**
 * The plugin's metrics over a period [from, to), by answer time, as the caller (record rules
 * narrow them as they narrow lists):
 * - `nps.score`: % promoters (9–10) − % detractors (0–6), −100 to 100; null without answers;
 * - `nps.responses`: how many answers.
 */
export const npsMetrics: MetricDefinition[] = [
  {
    id: NPS_SCORE,
    unit: 'points',
    better: 'higher',
    description: 'Net Promoter Score: % promoters (9–10) minus % detractors (0–6) of the answers.',
    compute: async (period, metric) => {
      const answers = metric.data('npsResponse');
      const where = answeredIn(period);
      const [promoters, passives, detractors] = await Promise.all([
        answers.count({ ...where, score: { gte: 9 } }),
        answers.count({ ...where, score: { gte: 7, lte: 8 } }),
        answers.count({ ...where, score: { lte: 6 } }),
      ]);
      return netPromoterScore({ promoters, passives, detractors });
    },
  },
  {
    id: NPS_RESPONSES,
    unit: 'count',
    better: 'higher',
    description: 'Answers to the NPS survey.',
    compute: (period, metric) => metric.data('npsResponse').count(answeredIn(period)),
  },
];
