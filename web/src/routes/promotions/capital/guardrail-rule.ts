/**
 * A capital guardrail's policy field (`guardrailRule` of a deployment's allocation) in words: `guardrails.moderate` →
 * "moderate-risk cap", `strategy.capitalGuardrails.staging` → "strategy’s own staging cap"; another field as it is.
 */
export function guardrailRuleLabel(rule: string): string {
  const category = /^guardrails\.(\w+)$/.exec(rule);
  if (category) return `${category[1]}-risk cap`;
  const own = /^strategy\.capitalGuardrails\.(\w+)$/.exec(rule);
  if (own) return `strategy’s own ${own[1]} cap`;
  return rule;
}

/** Whether an allocation is above its guardrail (fractions; a rounding hair above does not count). */
export function aboveGuardrail(allocation: number, guardrail: number): boolean {
  return allocation - guardrail > 1e-9;
}
