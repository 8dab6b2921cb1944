import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { evaluationCycleStatuses } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { recommendations } from '../../domain/scoring/scorecard-entry.entity.ts';
import { triggerEventTypes, triggerOutcomes } from '../../domain/trigger/trigger-event.entity.ts';
import { triggerTargetTypes } from '../../domain/trigger/trigger-link.entity.ts';

const screaming = <const T extends readonly string[]>(values: T): { [K in T[number] as Uppercase<K>]: K } =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as never;

export const TriggerEventTypeEnum = screaming(triggerEventTypes);
export const TriggerOutcomeEnum = screaming(triggerOutcomes);
export const TriggerTargetTypeEnum = screaming(triggerTargetTypes);
export const EvaluationCycleStatusEnum = screaming(evaluationCycleStatuses);
export const RecommendationEnum = screaming(recommendations);
export const ScorecardSortEnum = { RANK: 'rank', SCORE: 'score', NAME: 'name', RECOMMENDATION: 'recommendation' } as const;
export const ExportFormatEnum = { CSV: 'csv', JSON: 'json' } as const;

registerEnumType(TriggerEventTypeEnum, { name: 'TriggerEventType', description: 'What started work by itself (or a manual request).' });
registerEnumType(TriggerOutcomeEnum, { name: 'TriggerOutcome', description: 'ENQUEUED: work was queued; SKIPPED: nothing to run (see outcomeReason).' });
registerEnumType(TriggerTargetTypeEnum, { name: 'TriggerTargetType', description: 'What a trigger caused: a job (by job key) or a run.' });
registerEnumType(EvaluationCycleStatusEnum, { name: 'EvaluationCycleStatus', description: 'queued → running → completed | failed.' });
registerEnumType(RecommendationEnum, { name: 'Recommendation' });
registerEnumType(ScorecardSortEnum, { name: 'ScorecardSort' });
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });
