import type { GateUnit } from '#lib/gql/graphql.ts';
import { formatPercent } from '#lib/format/percent.ts';

const stages = ['OBSERVE', 'SHADOW', 'PAPER', 'LIVE'];

/** A gate value in its unit: fractions as percentages, flags as yes/no, stages by name, ms and bps with their unit. */
export function formatGateValue(value: number | null | undefined, unit: GateUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not measured';
  switch (unit) {
    case 'FRACTION':
      return formatPercent(value, { digits: 2 });
    case 'MULTIPLE':
      return `${round(value)}×`;
    case 'MS':
      return `${round(value).toLocaleString('en-US')} ms`;
    case 'BPS':
      return `${round(value)} bps`;
    case 'DAYS':
      return `${round(value)} d`;
    case 'FLAG':
      return value === 1 ? 'yes' : 'no';
    case 'STAGE':
      return stages[value] ?? String(value);
    case 'RANK':
      return `#${value}`;
    default:
      return String(round(value));
  }
}

/** `>=` → `≥` etc. */
export function comparatorSymbol(comparator: string): string {
  return ({ '>=': '≥', '<=': '≤', '==': '=', '>': '>', '<': '<' } as Record<string, string>)[comparator] ?? comparator;
}

/** A refusal message `rule: sentence` split into its rule and sentence (the server names the rule first). */
export function splitRule(message: string): { rule: string | null; text: string } {
  const match = /^([a-zA-Z]+\.[a-zA-Z.]+): (.*)$/s.exec(message);
  return match ? { rule: match[1]!, text: match[2]! } : { rule: null, text: message };
}

/** `OBSERVE_TO_SHADOW` → `OBSERVE → SHADOW`. */
export function transitionLabel(transition: string): string {
  return transition.replace('_TO_', ' → ');
}

/** Time at stage in days (one decimal). */
export function days(ms: number): string {
  return (ms / 86_400_000).toFixed(1);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A dotted rule with a zero-width space after each dot, so long rules wrap at their dots. */
export function breakable(rule: string): string {
  return rule.replaceAll('.', '.\u200b');
}
