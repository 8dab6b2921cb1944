import { deploymentStages } from '../deployment/deployment-stage.lifecycle.ts';

/** Which part of the policy a check belongs to. */
export const gateCategories = ['state', 'scorecard', 'stability', 'signalQuality', 'risk', 'operational', 'portfolio', 'capital'] as const;
export type GateCategory = (typeof gateCategories)[number];

/** How the measured value must compare with the threshold to pass. */
export const gateComparators = ['>=', '<=', '>', '<', '=='] as const;
export type GateComparator = (typeof gateComparators)[number];

/**
 * Unit of a check's threshold and measured value: `fraction` (0.9 = 90 %, signed for returns/drawdowns), `ratio`
 * (Sharpe, correlation, IC), `multiple` (× equity), `count`, `days`, `ms`, `bps`, `flag` (1 = true, 0 = false),
 * `stage` (0 = OBSERVE … 3 = LIVE), `rank` (1 = best).
 */
export const gateUnits = ['fraction', 'ratio', 'multiple', 'count', 'days', 'ms', 'bps', 'flag', 'stage', 'rank'] as const;
export type GateUnit = (typeof gateUnits)[number];

/** `pass`, `fail`, or `not_applicable` (e.g. the IC for a discrete signal, calibration without confidences). */
export type GateStatus = 'pass' | 'fail' | 'not_applicable';

/**
 * One rule checked against evidence: the rule (the policy field's dotted path, e.g.
 * `gates.shadowToPaper.risk.minMaxDrawdown`), its threshold, the measured value (null = could not be measured, which
 * fails: fail closed), the window it was measured over, and a sentence saying it.
 */
export interface GateCheck {
  rule: string;
  category: GateCategory;
  comparator: GateComparator;
  threshold: number;
  measured: number | null;
  unit: GateUnit;
  /** Measurement window, ms since epoch. */
  window: { startMs: number; endMs: number };
  status: GateStatus;
  message: string;
}

/** Whether `measured` satisfies `comparator threshold` (null never does). */
export function comparePasses(measured: number | null, comparator: GateComparator, threshold: number): boolean {
  if (measured === null || Number.isNaN(measured)) return false;
  switch (comparator) {
    case '>=':
      return measured >= threshold;
    case '<=':
      return measured <= threshold;
    case '>':
      return measured > threshold;
    case '<':
      return measured < threshold;
    case '==':
      return measured === threshold;
  }
}

const comparatorWords: Record<GateComparator, string> = { '>=': 'at least', '<=': 'at most', '>': 'above', '<': 'below', '==': 'exactly' };

/** Builds a check from a measured value: passes when it compares as required, else fails with the numbers in the message. */
export function makeCheck(
  rule: string,
  category: GateCategory,
  comparator: GateComparator,
  threshold: number,
  measured: number | null,
  unit: GateUnit,
  window: { startMs: number; endMs: number },
  label: string,
): GateCheck {
  const passed = comparePasses(measured, comparator, threshold);
  const shown = measured === null ? 'not measurable (no data in the window)' : formatValue(measured, unit);
  const message = `${label}: ${shown}, must be ${comparatorWords[comparator]} ${formatValue(threshold, unit)} (${rule})`;
  return { rule, category, comparator, threshold, measured, unit, window, status: passed ? 'pass' : 'fail', message };
}

/** A check that does not apply to this evidence (kept in the list so the reader sees why it was skipped). */
export function notApplicableCheck(
  rule: string,
  category: GateCategory,
  comparator: GateComparator,
  threshold: number,
  unit: GateUnit,
  window: { startMs: number; endMs: number },
  reason: string,
): GateCheck {
  return { rule, category, comparator, threshold, measured: null, unit, window, status: 'not_applicable', message: `${reason} (${rule})` };
}

function formatValue(value: number, unit: GateUnit): string {
  switch (unit) {
    case 'fraction':
      return `${round(value * 100)} %`;
    case 'multiple':
      return `${round(value)}×`;
    case 'ms':
      return `${round(value)} ms`;
    case 'bps':
      return `${round(value)} bps`;
    case 'days':
      return `${round(value)} days`;
    case 'flag':
      return value === 1 ? 'yes' : 'no';
    case 'stage':
      return deploymentStages[value] ?? `${value}`;
    default:
      return `${round(value)}`;
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
