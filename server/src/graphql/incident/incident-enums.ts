import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from '../screaming-enum.ts';
import { incidentSeverities, incidentStatuses, incidentTypes, strategyIncidentTypes } from '../../domain/monitoring/monitoring-incident.entity.ts';

export const IncidentTypeEnum = screamingEnum(incidentTypes);
export const StrategyIncidentTypeEnum = screamingEnum(strategyIncidentTypes);
export const IncidentSeverityEnum = screamingEnum(incidentSeverities);
export const IncidentStatusEnum = screamingEnum(incidentStatuses);

registerEnumType(IncidentTypeEnum, {
  name: 'IncidentType',
  description: 'What was found: BENCHMARK_LAG, DRAWDOWN, RISK_THRESHOLD, REGIME_SHIFT (monitoring findings) or OPERATIONAL (a job given up after its last retry).',
});
registerEnumType(StrategyIncidentTypeEnum, { name: 'StrategyIncidentType', description: 'The incident types a person opens on a strategy (OPERATIONAL ones come from the platform).' });
registerEnumType(IncidentSeverityEnum, { name: 'IncidentSeverity', description: 'WARNING or CRITICAL; drives who is alerted and how.' });
registerEnumType(IncidentStatusEnum, { name: 'IncidentStatus', description: 'OPEN → IN_REVIEW → RESOLVED → CLOSED (OPEN → RESOLVED allowed; CLOSED is final).' });
