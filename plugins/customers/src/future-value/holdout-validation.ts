import { type Actor, isoTime, type Kernel, ValidationError } from '@rapport/core';
import type { CustomerValue } from '../entities/customer-value.js';
import type { FutureValueOptions } from '../options.js';
import { type BgNbdParams, fitBgNbd } from './bg-nbd.js';
import { FutureValueFitError } from './fit-error.js';
import { fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import { type HoldoutReport, holdoutReport } from './holdout.js';
import { historiesAt, loadPurchaseOccasions, occasionsAfter } from './purchase-occasions.js';

const WEEK_MS = 7 * 86_400_000;

/** What a holdout validation is asked for. */
export interface HoldoutInput {
  /** The end of the calibration window (ISO date or time); default: `weeks` before now. */
  calibrationEnd?: string;
  /** Length of the holdout window in weeks (1–520); default 26. */
  weeks?: number;
}

/** The answer of a holdout validation, fitted on the calibration window, checked on the next one. */
export interface HoldoutValidation extends HoldoutReport {
  calibrationEnd: string;
  holdoutEnd: string;
  /** Customers with a purchase in the calibration window, and those of them who bought again. */
  customers: number;
  repeatBuyers: number;
  bgNbd?: { params: BgNbdParams; logLikelihood: number };
  gammaGamma?: { params: GammaGammaParams; logLikelihood: number };
  /** Predicted against actual, for a bar chart: `x=0 predicted`, `x=0 actual`, … */
  points: Array<{ label: string; value: number }>;
  /** Why the model could not be fitted on the calibration window (then no prediction). */
  error?: { code: string; message: string };
  ms: number;
}

/**
 * Holdout validation on the deployment's own data, read as `actor` (record rules apply): fits
 * BG/NBD and Gamma-Gamma on the purchase occasions up to `calibrationEnd`, predicts each
 * customer's occasions over the next `weeks`, and reports predicted against actual in total and
 * by calibration repeat count 0–7+, the check the literature runs on these models. Nothing is
 * stored; the recompute job's predictions are not touched.
 */
export async function validateFutureValue(
  kernel: Kernel,
  actor: Actor,
  input: HoldoutInput,
  options: FutureValueOptions,
  now: number,
): Promise<HoldoutValidation> {
  const started = performance.now();
  const weeks = input.weeks ?? 26;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
    throw new ValidationError(`weeks must be a whole number of weeks from 1 to 520; got ${input.weeks}.`, [
      { path: 'weeks', rule: 'range', message: 'a whole number from 1 to 520' },
    ]);
  const end = input.calibrationEnd === undefined ? now - weeks * WEEK_MS : Date.parse(input.calibrationEnd);
  if (!Number.isFinite(end))
    throw new ValidationError(`calibrationEnd must be an ISO date or time; got '${input.calibrationEnd}'.`, [
      { path: 'calibrationEnd', rule: 'format', message: 'an ISO 8601 date or date-time' },
    ]);
  const holdoutEnd = end + weeks * WEEK_MS;
  if (holdoutEnd > now)
    throw new ValidationError(
      `the holdout window (${isoTime(end)} + ${weeks} weeks) must end by now (${isoTime(now)}): choose an earlier calibrationEnd or fewer weeks.`,
      [
        {
          path: 'calibrationEnd',
          rule: 'holdoutInPast',
          message: 'calibrationEnd + weeks must not be after now',
        },
      ],
    );
  const occasions = await loadPurchaseOccasions(kernel.data<CustomerValue>('customerValue', { actor }));
  const histories = historiesAt(occasions, end);
  const actual = occasionsAfter(occasions, histories, end, weeks);
  const base = {
    calibrationEnd: isoTime(end),
    holdoutEnd: isoTime(holdoutEnd),
    customers: histories.ids.length,
    repeatBuyers: histories.x.filter((x) => x > 0).length,
  };
  try {
    const bg = fitBgNbd(histories, options);
    const gg = fitGammaGamma(histories, options.minRepeatBuyers);
    const report = holdoutReport(bg.params, histories, actual, weeks);
    return {
      ...base,
      ...report,
      predicted: round(report.predicted),
      byCalibrationCount: report.byCalibrationCount.map((g) => ({ ...g, predicted: round(g.predicted) })),
      bgNbd: { params: bg.params, logLikelihood: bg.logLikelihood },
      gammaGamma: { params: gg.params, logLikelihood: gg.logLikelihood },
      points: report.byCalibrationCount.flatMap((g) => [
        { label: `x=${g.x} predicted`, value: round(g.predicted) },
        { label: `x=${g.x} actual`, value: g.actual },
      ]),
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (!(error instanceof FutureValueFitError)) throw error;
    return {
      ...base,
      weeks,
      predicted: 0,
      actual: actual.reduce((sum, n) => sum + n, 0),
      byCalibrationCount: [],
      points: [],
      error: { code: error.code, message: error.message },
      ms: Math.round(performance.now() - started),
    };
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
