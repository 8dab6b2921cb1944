import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from '../screaming-enum.ts';
import { evaluationCycleStatuses } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { recommendations } from '../../domain/scoring/scorecard-entry.entity.ts';
import { scorecardSorts } from '../../domain/scoring/scorecard-order.ts';
import { triggerEventTypes, triggerOutcomes } from '../../domain/trigger/trigger-event.entity.ts';
import { triggerTargetTypes } from '../../domain/trigger/trigger-link.entity.ts';

export const TriggerEventTypeEnum = screamingEnum(triggerEventTypes);
export const TriggerOutcomeEnum = screamingEnum(triggerOutcomes);
export const TriggerTargetTypeEnum = screamingEnum(triggerTargetTypes);
export const EvaluationCycleStatusEnum = screamingEnum(evaluationCycleStatuses);
export const RecommendationEnum = screamingEnum(recommendations);
export const ScorecardSortEnum = screamingEnum(scorecardSorts);
export const ExportFormatEnum = { CSV: 'csv', JSON: 'json' } as const;

registerEnumType(TriggerEventTypeEnum, { name: 'TriggerEventType', description: 'What started work by itself (or a manual request).' });
registerEnumType(TriggerOutcomeEnum, { name: 'TriggerOutcome', description: 'ENQUEUED: work was queued; SKIPPED: nothing to run (see outcomeReason).' });
registerEnumType(TriggerTargetTypeEnum, { name: 'TriggerTargetType', description: 'What a trigger caused: a job (by job key) or a run.' });
registerEnumType(EvaluationCycleStatusEnum, { name: 'EvaluationCycleStatus', description: 'queued → running → completed | failed; queued or running → cancelled (cancelEvaluationCycle).' });
registerEnumType(RecommendationEnum, { name: 'Recommendation' });
registerEnumType(ScorecardSortEnum, { name: 'ScorecardSort', description: 'Scorecard orders: RANK, SCORE, NAME, RECOMMENDATION.' });
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });
