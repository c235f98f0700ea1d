import {
  findAll,
  type MetricContext,
  type MetricDefinition,
  type MetricPeriod,
  periodWhere,
  ratioOrNull,
} from '@rapport/core';
import type { Campaign } from '../entities/campaign.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import { type CampaignResults, campaignResults } from '../results/campaign-results.js';
import { CAMPAIGN_TYPES } from '../vocabulary.js';

const PARAMETERS = { properties: { type: { type: 'string', enum: [...CAMPAIGN_TYPES] } } };

/** The results of the campaigns launched in the period (of `params.type`, or `only`), as the caller reads them. */
async function launched(
  period: MetricPeriod,
  context: MetricContext,
  only?: string,
): Promise<CampaignResults[]> {
  const type = only ?? (context.params.type as string | undefined);
  const campaigns = await findAll(context.data<Campaign>('campaign'), {
    where: { launchedAt: periodWhere(period), ...(type ? { type } : {}) },
    fields: ['id'],
  });
  return Promise.all(campaigns.map((c) => campaignResults((entity) => context.data(entity), c.id)));
}

const sum = (results: CampaignResults[], pick: (r: CampaignResults) => number) =>
  results.reduce((total, r) => total + pick(r), 0);

/**
 * The plugin's metrics over the campaigns launched in the period (optionally of one `type`),
 * computed as the caller (record rules apply), pooled over the campaigns' members:
 * - `campaigns.responseRate`: members who clicked or replied / members reached;
 * - `campaigns.conversionRate`: treated members who converted within the window / treated members;
 * - `campaigns.optOutRate`: members who opted out after a campaign message / members reached;
 * - `campaigns.lift`: pooled treated conversion rate − pooled control conversion rate, over the
 *   campaigns with a control group (null without one);
 * - `campaigns.roi`: (Σ incremental revenue − Σ cost) / Σ cost over the campaigns with a cost and a
 *   control group (what the campaigns caused, not what would have happened anyway);
 * - `campaigns.winBackRate`: treated members of win-back campaigns who bought again within the
 *   window / those reached.
 */
export function campaignMetrics(): MetricDefinition[] {
  const id = (name: string) => `${CAMPAIGNS_PLUGIN_ID}.${name}`;
  return [
    {
      id: id('responseRate'),
      unit: 'ratio',
      better: 'higher',
      description: 'Members who clicked or replied, of those a campaign message reached.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const results = await launched(period, context);
        return ratioOrNull(
          sum(results, (r) => r.responded),
          sum(results, (r) => r.reach),
        );
      },
    },
    {
      id: id('conversionRate'),
      unit: 'ratio',
      better: 'higher',
      description: 'Treated members who converted within the attribution window, of all treated members.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const results = await launched(period, context);
        return ratioOrNull(
          sum(results, (r) => r.converted),
          sum(results, (r) => r.treated),
        );
      },
    },
    {
      id: id('optOutRate'),
      unit: 'ratio',
      better: 'lower',
      description: 'Members who opted out after a campaign message, of those it reached.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const results = await launched(period, context);
        return ratioOrNull(
          sum(results, (r) => r.optedOut),
          sum(results, (r) => r.reach),
        );
      },
    },
    {
      id: id('lift'),
      unit: 'ratio',
      better: 'higher',
      description:
        'Treated conversion rate minus control conversion rate, pooled over campaigns with a control group.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const results = (await launched(period, context)).filter((r) => r.control > 0 && r.treated > 0);
        if (results.length === 0) return null;
        const treated = sum(results, (r) => r.converted) / sum(results, (r) => r.treated);
        const control = sum(results, (r) => r.controlConverted) / sum(results, (r) => r.control);
        return treated - control;
      },
    },
    {
      id: id('roi'),
      unit: 'ratio',
      better: 'higher',
      description: '(Incremental revenue − cost) / cost over campaigns with a cost and a control group.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const results = (await launched(period, context)).filter(
          (r) => r.cost && r.cost.amount > 0 && r.incremental,
        );
        const cost = sum(results, (r) => r.cost?.amount ?? 0);
        if (cost === 0) return null;
        return (sum(results, (r) => r.incremental?.revenue.amount ?? 0) - cost) / cost;
      },
    },
    {
      id: id('winBackRate'),
      unit: 'ratio',
      better: 'higher',
      description: 'Reached members of win-back campaigns who bought again within the window.',
      async compute(period, context) {
        const results = await launched(period, context, 'win-back');
        return ratioOrNull(
          sum(results, (r) => r.converted),
          sum(results, (r) => r.reach),
        );
      },
    },
  ];
}
