import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { incidentSeverities, incidentStatuses, incidentTypes, strategyIncidentTypes } from '../../domain/monitoring/monitoring-incident.entity.ts';

const screaming = <const T extends readonly string[]>(values: T): { [K in T[number] as Uppercase<K>]: K } =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as never;

export const IncidentTypeEnum = screaming(incidentTypes);
export const StrategyIncidentTypeEnum = screaming(strategyIncidentTypes);
export const IncidentSeverityEnum = screaming(incidentSeverities);
export const IncidentStatusEnum = screaming(incidentStatuses);

registerEnumType(IncidentTypeEnum, {
  name: 'IncidentType',
  description: 'What was found: BENCHMARK_LAG, DRAWDOWN, RISK_THRESHOLD, REGIME_SHIFT (monitoring findings) or OPERATIONAL (a job given up after its last retry).',
});
registerEnumType(StrategyIncidentTypeEnum, { name: 'StrategyIncidentType', description: 'The incident types a person opens on a strategy (OPERATIONAL ones come from the platform).' });
registerEnumType(IncidentSeverityEnum, { name: 'IncidentSeverity', description: 'WARNING or CRITICAL; drives who is alerted and how.' });
registerEnumType(IncidentStatusEnum, { name: 'IncidentStatus', description: 'OPEN → IN_REVIEW → RESOLVED → CLOSED (OPEN → RESOLVED allowed; CLOSED is final).' });
