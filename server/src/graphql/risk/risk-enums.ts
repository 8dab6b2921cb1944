import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from '../screaming-enum.ts';

/** A monitoring rule's outcome on a deployment's last mark (`MonitoringRuleStatus` of domain/monitoring/policy). */
export const MonitoringRuleStatusEnum = screamingEnum(['pass', 'breach', 'unknown', 'not_applicable', 'disabled'] as const);
/** Why the basket's top alt is the one it is (`TopAltSelection.reason` of the engine). */
export const TopAltReasonEnum = screamingEnum(['override', 'largest_trailing_quote_volume'] as const);

registerEnumType(MonitoringRuleStatusEnum, {
  name: 'MonitoringRuleStatus',
  description:
    'PASS; BREACH (the measured value broke the threshold); UNKNOWN (missing or stale mark, NaN metric, stale or short benchmark — fails closed, never a pass); NOT_APPLICABLE (does not apply, with the reason: not due yet — e.g. VaR below its observations, drift before its window — or, for the basket rules, no benchmark basket is defined at the deployment’s timeframe; neither a pass nor a block); DISABLED by the policy.',
});
registerEnumType(TopAltReasonEnum, {
  name: 'TopAltReason',
  description: 'OVERRIDE: configured by the monitoring policy (benchmark.topAltSymbol); LARGEST_TRAILING_QUOTE_VOLUME: the bundled non-BTC/ETH asset with the largest trailing quote volume (no market-cap feed).',
});
