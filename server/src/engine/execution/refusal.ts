/**
 * Why the decision path refused something (a bar or an order), in the form every refusal is recorded on a deployment:
 * the rule that fired, its threshold, the value measured against it, and a sentence for a person.
 *
 * - `rule`: a stable snake_case name (`'kill_switch'`, `'freshness'`, `'bar_out_of_order'` …).
 * - `threshold`: the limit the rule enforces, in the unit named by the rule's TSDoc (ms, quote currency, fraction), or a
 *   state (`'off'`, `'ACTIVE'`); null when the rule has no number (e.g. a NaN field).
 * - `measured`: the value found, in the same unit; null when nothing could be measured.
 * - `reason`: a complete sentence, shown to a user as-is.
 */
export interface Refusal<Rule extends string = string> {
  readonly rule: Rule;
  readonly threshold: number | string | null;
  readonly measured: number | string | null;
  readonly reason: string;
}
