import type { CrmProcess, Direction, Perspective, ValueProposition } from '../vocabulary.js';

/** A KPI a template lays out: bound to a registry metric, or manual. */
export interface TemplateKpi {
  name: string;
  /** A first-party metric id; absent for a manual KPI. */
  metric?: string;
  direction: Direction;
  unit?: string;
  /** The target when no baseline can be read (the metric has no data yet, or a manual KPI). */
  target: number;
  /** A ratio in [0, 1]: a baseline-derived target never goes past 1. */
  ratio?: boolean;
  /** Per-period rise as a fraction of the target ("revenue and its growth"); default 0. */
  rise?: number;
}

/** An objective a template lays out; `key` names it in the template's links. */
export interface TemplateObjective {
  key: string;
  name: string;
  perspective: Perspective;
  process?: CrmProcess;
  weight: number;
  description: string;
  kpis: TemplateKpi[];
}

/** Which CRM processes must lead for each value proposition (the source document, §3). */
export const LEADING_PROCESSES: Record<ValueProposition, readonly CrmProcess[]> = {
  productLeadership: ['selection', 'acquisition'],
  customerIntimacy: ['acquisition', 'retention', 'development'],
  operationalExcellence: ['acquisition', 'retention'],
};

const revenue: TemplateKpi = {
  name: 'Revenue',
  metric: 'sales.revenue',
  direction: 'higher',
  unit: 'minor units',
  target: 1_000_000,
  rise: 0.02,
};
const dealSize: TemplateKpi = {
  name: 'Average deal size',
  metric: 'sales.avgDealSize',
  direction: 'higher',
  unit: 'minor units',
  target: 100_000,
};
const revenuePerCustomer: TemplateKpi = {
  name: 'Revenue per customer',
  metric: 'sales.revenuePerCustomer',
  direction: 'higher',
  unit: 'minor units',
  target: 50_000,
};
const velocity: TemplateKpi = {
  name: 'Pipeline velocity (per day)',
  metric: 'sales.pipelineVelocity',
  direction: 'higher',
  unit: 'minor units',
  target: 10_000,
};
const repeatPurchase: TemplateKpi = {
  name: 'Repeat purchase rate',
  metric: 'sales.repeatPurchaseRate',
  direction: 'higher',
  unit: 'ratio',
  target: 0.3,
  ratio: true,
};
const campaignRoi: TemplateKpi = {
  name: 'Campaign ROI',
  metric: 'campaigns.roi',
  direction: 'higher',
  unit: 'ratio',
  target: 1,
  ratio: true,
};
const winRate: TemplateKpi = {
  name: 'Win rate',
  metric: 'sales.winRate',
  direction: 'higher',
  unit: 'ratio',
  target: 0.3,
  ratio: true,
};
const cycle: TemplateKpi = {
  name: 'Sales cycle',
  metric: 'sales.cycleDays',
  direction: 'lower',
  unit: 'days',
  target: 30,
};
const newCustomers: TemplateKpi = {
  name: 'New customers',
  metric: 'sales.newCustomers',
  direction: 'higher',
  unit: 'count',
  target: 10,
};
const crossSell: TemplateKpi = {
  name: 'Cross-sell rate',
  metric: 'sales.crossSellRate',
  direction: 'higher',
  unit: 'ratio',
  target: 0.2,
  ratio: true,
};
const shareA: TemplateKpi = {
  name: 'Share of A-class customers',
  metric: 'customers.segmentShare.A',
  direction: 'higher',
  unit: 'ratio',
  target: 0.2,
  ratio: true,
};
const retention: TemplateKpi = {
  name: 'Retention rate',
  metric: 'customers.retentionRate',
  direction: 'higher',
  unit: 'ratio',
  target: 0.85,
  ratio: true,
};
const churn: TemplateKpi = {
  name: 'Churn rate',
  metric: 'customers.churnRate',
  direction: 'lower',
  unit: 'ratio',
  target: 0.1,
  ratio: true,
};
const csat: TemplateKpi = {
  name: 'CSAT',
  metric: 'tickets.csat',
  direction: 'higher',
  unit: 'ratio',
  target: 0.85,
  ratio: true,
};
const slaMet: TemplateKpi = {
  name: 'First-response SLA met',
  metric: 'tickets.slaMet',
  direction: 'higher',
  unit: 'ratio',
  target: 0.9,
  ratio: true,
};
const complaints: TemplateKpi = {
  name: 'Complaint rate',
  metric: 'tickets.complaintRate',
  direction: 'lower',
  unit: 'ratio',
  target: 0.05,
  ratio: true,
};
const members: TemplateKpi = {
  name: 'Active loyalty members',
  metric: 'loyalty.activeMembers',
  direction: 'higher',
  unit: 'count',
  target: 100,
};
const redemption: TemplateKpi = {
  name: 'Reward redemption rate',
  metric: 'loyalty.redemptionRate',
  direction: 'higher',
  unit: 'ratio',
  target: 0.2,
  ratio: true,
};

const FINANCIAL: TemplateObjective[] = [
  {
    key: 'growth',
    name: 'Grow revenue',
    perspective: 'financial',
    weight: 2,
    description: 'Long-term profit through revenue growth: new customers and more value from each.',
    kpis: [revenue],
  },
  {
    key: 'value',
    name: 'More value per customer',
    perspective: 'financial',
    weight: 1,
    description: 'Satisfaction, volume and cross-buying raise what each relationship is worth.',
    kpis: [dealSize, revenuePerCustomer],
  },
];

const CUSTOMER: Record<ValueProposition, TemplateObjective> = {
  productLeadership: {
    key: 'customer',
    name: 'Win customers with the best products',
    perspective: 'customer',
    weight: 1,
    description: 'Product leadership: customers come for what the products do first and best.',
    kpis: [newCustomers, shareA],
  },
  customerIntimacy: {
    key: 'customer',
    name: 'Keep and deepen every relationship',
    perspective: 'customer',
    weight: 1,
    description: 'Customer intimacy: solutions fitted to each customer keep them and grow them.',
    kpis: [retention, csat, members],
  },
  operationalExcellence: {
    key: 'customer',
    name: 'Reliable, effortless service at a fair price',
    perspective: 'customer',
    weight: 1,
    description: 'Operational excellence: the lowest total cost and no trouble, every time.',
    kpis: [csat, churn],
  },
};

const PROCESS: Record<CrmProcess, TemplateObjective> = {
  selection: {
    key: 'selection',
    name: 'Select the valuable customers',
    perspective: 'internalProcess',
    process: 'selection',
    weight: 1,
    description: 'Customer selection: know which customers bring value and focus on them.',
    kpis: [shareA],
  },
  acquisition: {
    key: 'acquisition',
    name: 'Acquire customers efficiently',
    perspective: 'internalProcess',
    process: 'acquisition',
    weight: 1,
    description: 'Customer acquisition: win more of the deals worked, faster.',
    kpis: [winRate, cycle, velocity],
  },
  retention: {
    key: 'retention',
    name: 'Retain customers through service',
    perspective: 'internalProcess',
    process: 'retention',
    weight: 1,
    description: 'Customer retention: answer in time, solve complaints, keep customers from leaving.',
    kpis: [slaMet, complaints, churn],
  },
  development: {
    key: 'development',
    name: 'Develop each relationship',
    perspective: 'internalProcess',
    process: 'development',
    weight: 1,
    description: 'Customer development: cross-selling, loyalty and rewards that grow the relationship.',
    kpis: [crossSell, repeatPurchase, redemption, campaignRoi],
  },
};

const LEARNING: TemplateObjective[] = [
  {
    key: 'skills',
    name: 'CRM skills',
    perspective: 'learningGrowth',
    weight: 1,
    description: "People's CRM skills: training in the processes and the system.",
    kpis: [{ name: 'CRM training hours per person', direction: 'higher', unit: 'hours', target: 4 }],
  },
  {
    key: 'knowledge',
    name: 'Shared customer knowledge',
    perspective: 'learningGrowth',
    weight: 1,
    description: 'Customer knowledge shared through the CRM database and knowledge base.',
    kpis: [{ name: 'Knowledge-base articles used', direction: 'higher', unit: 'count', target: 50 }],
  },
  {
    key: 'climate',
    name: 'A supportive climate',
    perspective: 'learningGrowth',
    weight: 1,
    description: 'Top-management support, staff awareness and incentives for customer focus.',
    kpis: [{ name: 'Staff satisfaction (1–5)', direction: 'higher', unit: 'score', target: 4 }],
  },
];

/** A template: objectives in all four perspectives and the causal links between them, by objective key. */
export interface Template {
  objectives: TemplateObjective[];
  links: Array<[from: string, to: string]>;
}

/**
 * The template of a value proposition: the financial objectives, the customer objective of the
 * proposition, one objective per leading CRM process, and the learning-and-growth objectives
 * with manual KPIs; links run from learning and growth through the processes and the customer
 * objective to the financial ones.
 */
export function templateFor(proposition: ValueProposition): Template {
  const processes = LEADING_PROCESSES[proposition].map((process) => PROCESS[process]);
  const customer = CUSTOMER[proposition];
  const links: Template['links'] = [];
  for (const learning of LEARNING) for (const process of processes) links.push([learning.key, process.key]);
  for (const process of processes) links.push([process.key, customer.key]);
  for (const financial of FINANCIAL) links.push([customer.key, financial.key]);
  return { objectives: [...FINANCIAL, customer, ...processes, ...LEARNING], links };
}
