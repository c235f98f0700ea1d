import type { Pipeline } from '../entities/pipeline.js';

/**
 * The pipelines the plugin creates at start when absent: new business (acquisition), renewals
 * (retention) and dealers (intermediary customers, seed 002) — seed 004 §3's processes.
 */
export const DEFAULT_PIPELINES: readonly Pipeline[] = [
  {
    key: 'new-business',
    name: 'New business',
    description: 'Winning new customers: qualify, analyse needs, propose, negotiate.',
    stages: [
      { key: 'qualification', name: 'Qualification', probability: 10, forecastCategory: 'pipeline' },
      { key: 'needs-analysis', name: 'Needs analysis', probability: 25, forecastCategory: 'pipeline' },
      { key: 'proposal', name: 'Proposal', probability: 50, forecastCategory: 'best-case' },
      { key: 'negotiation', name: 'Negotiation', probability: 80, forecastCategory: 'commit' },
      { key: 'won', name: 'Won', probability: 100, kind: 'won' },
      { key: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
  },
  {
    key: 'renewals',
    name: 'Renewals',
    description: 'Keeping customers: contracts and subscriptions coming up for renewal.',
    dealKind: 'renewal',
    stages: [
      { key: 'upcoming', name: 'Upcoming', probability: 60, forecastCategory: 'best-case' },
      { key: 'in-discussion', name: 'In discussion', probability: 75, forecastCategory: 'best-case' },
      { key: 'committed', name: 'Committed', probability: 90, forecastCategory: 'commit' },
      { key: 'renewed', name: 'Renewed', probability: 100, kind: 'won' },
      { key: 'churned', name: 'Churned', probability: 0, kind: 'lost' },
    ],
  },
  {
    key: 'dealers',
    name: 'Dealers',
    description: 'Signing intermediaries: dealers, distributors and resellers.',
    stages: [
      { key: 'prospecting', name: 'Prospecting', probability: 10, forecastCategory: 'pipeline' },
      { key: 'evaluation', name: 'Evaluation', probability: 30, forecastCategory: 'pipeline' },
      { key: 'contract', name: 'Contract', probability: 70, forecastCategory: 'best-case' },
      { key: 'signed', name: 'Signed', probability: 100, kind: 'won' },
      { key: 'declined', name: 'Declined', probability: 0, kind: 'lost' },
    ],
  },
];
