import 'reflect-metadata';
import type { IncidentSeverity, IncidentStatus, IncidentType } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import type { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import { DetailEntryType } from '../detail-entry.type.ts';
import { Field, Float, ObjectType } from 'type-graphql';
import { NodeInterface, makeConnectionType } from '../relay.ts';
import { IncidentSeverityEnum, IncidentStatusEnum, IncidentTypeEnum } from './incident-enums.ts';

@ObjectType('MonitoringIncident', {
  implements: NodeInterface,
  description:
    'A finding that needs attention and what was done about it: a strategy incident (which queues a re-validation cycle at remediation priority) or an operational incident (a job given up after its last retry, with its context).',
})
export class MonitoringIncidentType extends NodeInterface implements EntityFields<MonitoringIncident, 'deployment' | 'strategy' | 'openedBy' | 'triggerEvent' | 'followUpCycle' | 'followUpRun' | 'context' | 'autoActions' | 'promotionRecord' | 'reconciliation'> {
  @Field(() => IncidentTypeEnum)
  incidentType!: IncidentType;

  @Field(() => IncidentSeverityEnum)
  severity!: IncidentSeverity;

  @Field(() => IncidentStatusEnum)
  status!: IncidentStatus;

  @Field(() => String, { description: 'What was found, in a sentence or two.' })
  summary!: string;

  @Field(() => Date, { description: 'When the finding was made (UTC).' })
  detectedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null until then.' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Commentary, one line per status change: `<ISO time> <who> → <status>: <notes>`.' })
  notes!: string | null;

  @Field(() => [DetailEntryType], {
    description:
      'Facts at detection, one entry per value. OPERATIONAL: the failed job — jobId, task, payload.…, attempts, maxAttempts, jobKey, queue, priority (lower runs sooner), lastError. Strategy incidents: strategyCode and lifecycleState.',
  })
  context!: DetailEntryType[];

  @Field(() => [DetailEntryType], {
    description:
      'Automatic actions the monitor took, one entry per value: kind (ROLLBACK, DEMOTE, PAUSE, THROTTLE, DEACTIVATE, OBSERVE_FREEZE, RE_RANK, DRIFT_ALERT, WARNING …), regimeBand and reRank.strategyIds/triggerEventId/cycleId/regimeBacktests (RE_RANK), rule, stage.from/to, activationState.from/to, positionSizeFactor, ordersCancelled, positionFlattened, capitalAllocation.from/to, revalidationRunId; empty when none.',
  })
  autoActions!: DetailEntryType[];

  @Field(() => [DetailEntryType], {
    nullable: true,
    description:
      "A DRIFT_ALERT's re-backtest, one entry per value: the deployed configuration (same version, parameters and fill model, from the live start equity) re-run over the deployment's live window (windowStart … windowEnd, bar open times) and reconciled with the live record — alignedMarks, trackingError (std of per-mark return differences, a fraction, not annualized; null below 2), finalEquityDifference (live − backtest, quote currency), attribution.fillPrice/size/fees/missingTrades/extraTrades/unexplained (quote currency), counts.matched/missing/extra/timeShifted, trades, startEquity, backtestFillModel.*, computedAt. The per-trade list: query deploymentReconciliation. Null until its job ran, and for other incidents; money figures, so capital-reading roles only.",
  })
  reconciliation!: DetailEntryType[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Capital the finding put at stake, in the deployment’s quote currency: its equity at the last mark when the monitor acted (the amount rolled back, throttled or sent to reserve); null without a deployment. Sensitive (capital): null with a FORBIDDEN error for roles that may not see it.',
  })
  impactedCapital!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The monitoring breach this incident acts on, `<deployment id>:<rule>:<first breaching mark ms>` (unique: a breach acts once); null for incidents a person or an escalation opened.',
  })
  breachKey!: string | null;
}

export const MonitoringIncidentConnection = makeConnectionType('MonitoringIncident', MonitoringIncidentType);
