import 'reflect-metadata';
import type { EntityFields } from '../entity-fields.ts';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { BacktestRun, RunWarningFlags } from '../../domain/backtest/backtest-run.entity.ts';
import { BacktestModeEnum, BacktestRunStatusEnum, RegimeBandEnum, TriggerTypeEnum } from '../enums.ts';
import { makeConnectionType, NodeInterface } from '../relay.ts';

@ObjectType('RunWarningFlags', { description: 'Data-quality warnings that travel with a run: gaps and zero-volume bars of its dataset, and whether it traded.' })
export class RunWarningFlagsType implements Required<RunWarningFlags> {
  @Field(() => Int, { description: 'Gaps in the dataset (runs of missing bars).' })
  gapCount!: number;

  @Field(() => Int, { description: 'Bars missing inside the gaps, in bars.' })
  missingBarCount!: number;

  @Field(() => Int, { description: 'Bars with zero volume.' })
  zeroVolumeBarCount!: number;

  @Field(() => Boolean, { nullable: true, description: 'True when the completed run made no trade; null until completed.' })
  noTrades!: boolean;
}

@ObjectType('EquityPoint', { description: 'Equity (starting capital 1.0) and drawdown (≤ 0 fraction) at a bar close.' })
export class EquityPointType {
  @Field(() => Date)
  timestamp!: Date;

  @Field(() => Float)
  equity!: number;

  @Field(() => Float)
  drawdown!: number;
}

@ObjectType('BacktestRun', { implements: NodeInterface, description: 'One simulation of one parameter config on one dataset.' })
export class BacktestRunType extends NodeInterface implements EntityFields<BacktestRun, 'status' | 'triggerType' | 'mode' | 'regimeBand' | 'metrics' | 'regimeMetrics' | 'strategyVersion' | 'parameterConfig' | 'marketDataSet' | 'warningFlags'> {
  @Field(() => String, { description: 'The row UUID.' })
  databaseId!: string;

  @Field(() => BacktestRunStatusEnum)
  status!: string;

  @Field(() => TriggerTypeEnum)
  triggerType!: string;

  @Field(() => BacktestModeEnum)
  mode!: string;

  @Field(() => RegimeBandEnum, { nullable: true })
  regimeBand!: string | null;

  @Field(() => Date, { description: 'When the run was queued.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed.' })
  failureReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Engine version that computed the results.' })
  engineVersion!: string | null;

  @Field(() => String, { description: 'SHA-256 of the dataset the run used.' })
  datasetChecksum!: string;

  @Field(() => String, { description: 'SHA-256 of the parameter config.' })
  parameterChecksum!: string;

  @Field(() => Float, { description: 'Fee in basis points of traded notional.' })
  feeBps!: number;

  @Field(() => Float, { description: 'Slippage in basis points of traded notional.' })
  slippageBps!: number;

  @Field(() => RunWarningFlagsType, { description: 'Data-quality warnings that travel with the run (gaps, zero-volume bars, no trades).' })
  warningFlags!: RunWarningFlags;

  @Field(() => Float, {
    nullable: true,
    description: 'Regime robustness: share of regimes with ≥ 30 bars whose Sharpe is positive, a fraction 0–1; null until completed or when no regime has 30 bars.',
  })
  robustnessScore!: number | null;

  @Field(() => String, { nullable: true })
  telemetryRef!: string | null;

  @Field(() => String, { description: 'Correlation id of the request or trigger that queued the run (search the logs for it).' })
  correlationId!: string;
}

export const BacktestRunConnection = makeConnectionType('BacktestRun', BacktestRunType);
