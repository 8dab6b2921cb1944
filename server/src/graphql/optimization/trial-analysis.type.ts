import 'reflect-metadata';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ParameterSettingType } from '../strategy/parameter-space.type.ts';

@ObjectType('TrialPoint', { description: 'One trial as the optimization plots need it. Metric values in BacktestMetrics units (fractions for returns and drawdowns).' })
export class TrialPointType {
  @Field(() => Int, { description: 'Position in the whole optimization, from 0: dataset by dataset, segment by segment, trial by trial.' })
  sequence!: number;

  @Field(() => ID, { description: 'Global id of the WalkForwardSegment.' })
  segmentId!: string;

  @Field(() => Int, { description: 'Segment position within its dataset’s walk-forward, from 0.' })
  segmentIndex!: number;

  @Field(() => ID, { description: 'Global id of the MarketDataSet.' })
  marketDataSetId!: string;

  @Field(() => Int, { description: 'Evaluation order within the segment’s search, from 0.' })
  trialIndex!: number;

  @Field(() => [ParameterSettingType])
  parameters!: ParameterSettingType[];

  @Field(() => Boolean, { nullable: true, description: 'Whether the trial met the objective’s constraints in-sample.' })
  feasible!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'The objective metric in-sample (what the search ranked); null when not defined.' })
  objective!: number | null;

  @Field(() => Float, { nullable: true, description: 'The objective metric out-of-sample.' })
  outOfSampleObjective!: number | null;

  @Field(() => Float, { nullable: true, description: 'In-sample Sharpe ratio (annualized).' })
  inSampleSharpe!: number | null;

  @Field(() => Float, { nullable: true, description: 'Out-of-sample Sharpe ratio (annualized).' })
  outOfSampleSharpe!: number | null;

  @Field(() => Float, { nullable: true, description: 'Out-of-sample total return, a fraction (0.12 = 12 %).' })
  outOfSampleReturn!: number | null;

  @Field(() => Float, { nullable: true, description: 'Out-of-sample maximum drawdown, a negative fraction.' })
  outOfSampleMaxDrawdown!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share (fraction 0–1) of regimes whose OOS Sharpe is positive.' })
  robustnessScore!: number | null;
}

@ObjectType('ParameterImportance', {
  description:
    'Variance-based importance of one parameter for the in-sample objective: a one-way ANOVA (η², the share of variance the parameter’s values explain; numbers with more than 8 distinct values in 8 equal-count bins), normalized over the parameters.',
})
export class ParameterImportanceType {
  @Field(() => String)
  parameter!: string;

  @Field(() => Float, { description: 'Fraction 0–1; the importances of one analysis sum to 1 (all 0 when the objective never varies).' })
  importance!: number;

  @Field(() => Float, { description: 'η² of this parameter alone, a fraction 0–1 (before normalization).' })
  explainedVariance!: number;
}

@ObjectType('TrialAnalysis', { description: 'The trials of an optimization (or one segment) in run order, for history, slice, contour and parallel-coordinate plots.' })
export class TrialAnalysisType {
  @Field(() => [String], { description: 'The parameters the trials vary, sorted by name.' })
  parameterNames!: string[];

  @Field(() => Int, { description: 'Trials stored (in scope); `trials` holds at most 20,000 of them, the earliest first.' })
  totalCount!: number;

  @Field(() => [TrialPointType])
  trials!: TrialPointType[];

  @Field(() => [ParameterImportanceType], { description: 'Most important first.' })
  importance!: ParameterImportanceType[];
}
