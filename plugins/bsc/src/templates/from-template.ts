import {
  type Actor,
  createSchemaCompiler,
  enumOf,
  type JsonSchemaObject,
  type Kernel,
  ref,
  text,
  ValidationError,
} from '@rapport/core';
import { DateTime } from 'luxon';
import type { CausalLink } from '../entities/causal-link.js';
import type { Kpi } from '../entities/kpi.js';
import type { Objective } from '../entities/objective.js';
import type { Scorecard, ScorecardRecord } from '../entities/scorecard.js';
import { periodAt, shiftPeriod } from '../periods/period.js';
import { PERIOD_KINDS, type PeriodKind, VALUE_PROPOSITIONS, type ValueProposition } from '../vocabulary.js';
import { type TemplateKpi, templateFor } from './catalogue.js';

/** What `POST /api/bsc/scorecards/from-template` takes. */
export interface FromTemplateInput {
  valueProposition: ValueProposition;
  name?: string;
  periodKind?: PeriodKind;
  /** Default: the deployment's zone. */
  timeZone?: string;
  ownerId?: string;
  /**
   * Start each metric KPI's target 5 % better than its actual of the last ended period (as the
   * caller reads it), where it has one; default true. Otherwise, and without data, the template's
   * defaults.
   */
  baseline?: boolean;
}

/** What a template laid out. */
export interface FromTemplateResult {
  scorecard: ScorecardRecord;
  objectives: number;
  kpis: number;
  links: number;
}

/** The body schema of {@link FromTemplateInput}. */
export const FROM_TEMPLATE_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    valueProposition: enumOf(VALUE_PROPOSITIONS),
    name: text(),
    periodKind: enumOf(PERIOD_KINDS),
    timeZone: text(64),
    ownerId: ref,
    baseline: { type: 'boolean' },
  },
  required: ['valueProposition'],
  additionalProperties: false,
};

const check = createSchemaCompiler()(FROM_TEMPLATE_SCHEMA);

const NAMES: Record<ValueProposition, string> = {
  productLeadership: 'Product leadership',
  customerIntimacy: 'Customer intimacy',
  operationalExcellence: 'Operational excellence',
};

/** A target rounded to what a person would write: 4 decimals for ratios, whole numbers from 10 up. */
function tidy(value: number, ratio: boolean): number {
  if (ratio || Math.abs(value) < 10) return Math.round(value * 10_000) / 10_000;
  return Math.round(value);
}

/**
 * Creates a scorecard from the template of a value proposition, in one transaction as `actor`
 * (who needs create on the scorecard entities): objectives in all four perspectives (one per CRM
 * process that must lead), causal links from learning and growth through the processes and the
 * customer objective to the financial ones, KPIs bound to first-party metrics (a metric of a
 * plugin that is not installed is bound all the same and reads "no data" until it is) and manual
 * learning-and-growth KPIs.
 */
export async function createFromTemplate(
  kernel: Kernel,
  body: unknown,
  actor: Actor,
): Promise<FromTemplateResult> {
  const input = structuredClone(body) as FromTemplateInput;
  const errors = check(input);
  if (errors.length > 0) {
    throw new ValidationError(
      `invalid template request: ${errors[0]?.path || '(body)'} ${errors[0]?.message}`,
      errors,
    );
  }
  kernel.access.assert(actor, 'scorecard', 'create');
  const template = templateFor(input.valueProposition);
  const periodKind = input.periodKind ?? 'quarter';
  const timeZone = input.timeZone ?? kernel.timeZone;
  const now = kernel.clock.now();
  const targets =
    input.baseline === false
      ? new Map<string, number>()
      : await baselines(
          kernel,
          template.objectives.flatMap((o) => o.kpis),
          periodKind,
          timeZone,
          now,
          actor,
        );
  const targetFrom = DateTime.fromMillis(now, { zone: timeZone }).toISODate() as string;

  return kernel.transaction(async (tx) => {
    const scorecard = await tx.data<Scorecard>('scorecard', { actor }).create({
      name: input.name ?? `${NAMES[input.valueProposition]} scorecard`,
      periodKind,
      timeZone,
      valueProposition: input.valueProposition,
      status: 'active',
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      description: `Laid out from the ${NAMES[input.valueProposition].toLowerCase()} template.`,
    });
    const ids = new Map<string, string>();
    let kpis = 0;
    for (const [order, objective] of template.objectives.entries()) {
      const made = await tx.data<Objective>('bscObjective', { actor }).create({
        scorecardId: scorecard.id,
        name: objective.name,
        perspective: objective.perspective,
        ...(objective.process ? { process: objective.process } : {}),
        weight: objective.weight,
        description: objective.description,
        order,
      });
      ids.set(objective.key, made.id);
      for (const kpi of objective.kpis) {
        const target = targets.get(kpi.name) ?? kpi.target;
        await tx.data<Kpi>('bscKpi', { actor }).create({
          objectiveId: made.id,
          name: kpi.name,
          source: kpi.metric ? 'metric' : 'manual',
          ...(kpi.metric ? { metric: kpi.metric } : {}),
          target,
          ...(kpi.rise ? { targetRise: tidy(target * kpi.rise, kpi.ratio === true), targetFrom } : {}),
          greenAt: 100,
          redAt: kpi.direction === 'higher' ? 80 : 120,
          direction: kpi.direction,
          ...(kpi.unit ? { unit: kpi.unit } : {}),
          weight: 1,
          active: true,
        });
        kpis += 1;
      }
    }
    for (const [from, to] of template.links) {
      await tx
        .data<CausalLink>('bscLink', { actor })
        .create({ fromId: ids.get(from), toId: ids.get(to) } as CausalLink);
    }
    return { scorecard, objectives: template.objectives.length, kpis, links: template.links.length };
  });
}

/** Targets 5 % better than each metric's actual of the last ended period, where the caller can read one. */
async function baselines(
  kernel: Kernel,
  kpis: readonly TemplateKpi[],
  kind: PeriodKind,
  zone: string,
  now: number,
  actor: Actor,
): Promise<Map<string, number>> {
  const last = shiftPeriod(periodAt(now, kind, zone), -1, zone);
  const known = new Set(kernel.metrics.list().map((metric) => metric.id));
  const targets = new Map<string, number>();
  for (const kpi of kpis) {
    if (!kpi.metric || !known.has(kpi.metric) || targets.has(kpi.name)) continue;
    const value = await kernel.metrics
      .compute(kpi.metric, { from: last.from, to: last.to }, { actor })
      .then((result) => result.value)
      .catch(() => null);
    if (value === null || !(value > 0)) continue;
    const better = kpi.direction === 'higher' ? value * 1.05 : value * 0.95;
    targets.set(kpi.name, tidy(kpi.ratio ? Math.min(1, better) : better, kpi.ratio === true));
  }
  return targets;
}
