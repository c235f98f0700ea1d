import { AsyncLocalStorage } from 'node:async_hooks';
import { type Actor, ForbiddenError, type Kernel, ValidationError } from '@rapport/core';
import type { KpiRecord } from '../entities/kpi.js';
import type { Period } from '../periods/period.js';
import { SCORE_METRIC } from '../rules/kpi-rules.js';
import type { Actual, NoData } from './evaluation-types.js';

/** The scorecards being evaluated up the current async call chain (a roll-up reading itself stops there). */
export const EVALUATING = new AsyncLocalStorage<readonly string[]>();

const noData = (code: NoData['code'], message: string): Actual => ({ noData: { code, message } });

/**
 * Reads KPI actuals for one evaluation: manual KPIs from the readings given, metric KPIs live from
 * the metric registry as `actor` (so their permissions and record rules apply). A metric and
 * parameters computed for one period once, however many KPIs bind it. Never throws for a KPI: what
 * cannot be read is "no data" with the reason.
 */
export function actualReader(
  kernel: Kernel,
  actor: Actor,
  manual: ReadonlyMap<string, number>,
): (kpi: KpiRecord, period: Period) => Promise<Actual> {
  const known = new Set(kernel.metrics.list().map((metric) => metric.id));
  const installed = new Set(kernel.plugins.map((plugin) => plugin.id));
  const cache = new Map<string, Promise<Actual>>();

  const compute = async (kpi: KpiRecord, period: Period): Promise<Actual> => {
    const metric = kpi.metric as string;
    const plugin = metric.slice(0, metric.indexOf('.'));
    if (!known.has(metric)) {
      return installed.has(plugin)
        ? noData('metricMissing', `metric '${metric}' is not defined by plugin '${plugin}'`)
        : noData(
            'pluginMissing',
            `plugin '${plugin}' is not installed, so metric '${metric}' cannot be read`,
          );
    }
    if (metric === SCORE_METRIC) {
      const chain = EVALUATING.getStore() ?? [];
      if (chain.includes(String(kpi.params?.scorecard))) {
        return noData(
          'failed',
          `scorecard '${String(kpi.params?.scorecard)}' is already being evaluated (its roll-ups form a cycle)`,
        );
      }
    }
    try {
      const { value } = await kernel.metrics.compute(
        metric,
        { from: period.from, to: period.to },
        { actor, params: kpi.params ?? {} },
      );
      return value === null || !Number.isFinite(value)
        ? noData('noValue', `metric '${metric}' has no data for ${period.key}`)
        : { value };
    } catch (error) {
      if (error instanceof ForbiddenError) return noData('forbidden', error.message);
      if (error instanceof ValidationError) return noData('invalidParams', error.message);
      kernel.logger.warn({ err: error, metric, kpi: kpi.id, period: period.key }, 'a KPI metric failed');
      return noData('failed', `metric '${metric}' failed: ${(error as Error).message}`);
    }
  };

  return (kpi, period) => {
    if (kpi.source === 'manual') {
      const value = manual.get(`${kpi.id}|${period.key}`);
      return Promise.resolve(
        value === undefined ? noData('noReading', `no reading was entered for ${period.key}`) : { value },
      );
    }
    const key = `${kpi.metric}|${JSON.stringify(kpi.params ?? {})}|${period.key}`;
    let actual = cache.get(key);
    if (!actual) {
      actual = compute(kpi, period);
      cache.set(key, actual);
    }
    return actual;
  };
}
