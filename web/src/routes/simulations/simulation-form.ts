/** The policy kinds of a simulated arm, in the order the form lists them. */
export const policyKinds = ['scoring', 'promotion', 'monitoring', 'capital'] as const;
export type PolicyKind = (typeof policyKinds)[number];

type Versions = Record<PolicyKind, readonly string[]>;

/** Ready-made comparisons: the variant differs from the production defaults in one policy (simulation-only versions end in `-sim`). */
export const presets: { id: string; label: string; variant: (versions: Versions) => Partial<Record<PolicyKind, string>> }[] = [
  {
    id: 'rollback-lag',
    label: 'Monitoring: rollback lag 200 bps (default) vs 1,000 bps',
    variant: (versions) => pick(versions, 'monitoring', /lag-1000bps/),
  },
  {
    id: 'permissive-gates',
    label: 'Promotion: default gates vs permissive (what the gates prevented)',
    variant: (versions) => pick(versions, 'promotion', /permissive/),
  },
];

function pick(versions: Versions, kind: PolicyKind, pattern: RegExp): Partial<Record<PolicyKind, string>> {
  const version = versions[kind].find((candidate) => pattern.test(candidate));
  return version ? { [kind]: version } : {};
}

/** Progress as a whole percentage (100 once completed). */
export function simulationPercent(progress: number | null | undefined, status: string): number {
  if (status === 'COMPLETED') return 100;
  return Math.max(0, Math.min(100, Math.round((progress ?? 0) * 100)));
}

/** The policy kinds where the variant differs from the baseline, e.g. `monitoring 2026.1 → 2026.1-lag-1000bps-sim`. */
export function policyDifferences(baseline: Record<PolicyKind, string>, variant: Record<PolicyKind, string>): string[] {
  return policyKinds.filter((kind) => baseline[kind] !== variant[kind]).map((kind) => `${kind} ${baseline[kind]} → ${variant[kind]}`);
}

/** An amount in USD, whole dollars: `1234567.8` → `$1,234,568`; `signed` prefixes positive values with `+`. Null gives "—". */
export function formatUsd(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toLocaleString('en-US', { maximumFractionDigits: 0 });
  return `${value < 0 ? '−' : signed && value > 0 ? '+' : ''}$${text}`;
}

/** The decision kinds of the log's filter (GraphQL spelling) with readable labels. */
export const decisionKindLabels: Record<string, string> = {
  EVALUATION_CYCLE: 'Evaluation cycle',
  CANDIDATE: 'Candidate',
  GATE_REFUSED: 'Gate refused',
  PROMOTION_REQUESTED: 'Promotion requested',
  APPROVAL_SIGNED: 'Approval signed',
  PROMOTION_REJECTED: 'Promotion rejected',
  PROMOTION_BLOCKED: 'Promotion blocked',
  PROMOTION_EXECUTED: 'Promotion executed',
  LIVE_CAP_DEMOTION: 'Live-cap demotion',
  DEMOTION: 'Demotion',
  ROLLBACK: 'Rollback',
  DEACTIVATION: 'Deactivation',
  THROTTLE: 'Throttle',
  OBSERVE_FREEZE: 'Observe freeze',
  INCIDENT: 'Incident',
  REVALIDATION: 'Re-validation',
};
