import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from '../screaming-enum.ts';
import { optimizationStatuses } from '../../domain/optimization/optimization.lifecycle.ts';
import { searchMethods } from '../../domain/optimization/search-method.ts';
import { objectiveMetrics } from '../../services/optimization/optimization-input.ts';

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

export const OptimizationStatusEnum = screamingEnum(optimizationStatuses);
export const SearchMethodEnum = screamingEnum(searchMethods);
export const WalkForwardSchemeEnum = { ROLLING: 'rolling', ANCHORED: 'anchored' } as const;
export const WindowUnitEnum = { BARS: 'bars', MILLISECONDS: 'milliseconds' } as const;
export const ObjectiveDirectionEnum = { MAXIMIZE: 'maximize', MINIMIZE: 'minimize' } as const;
export const ComparisonOperatorEnum = { GREATER_OR_EQUAL: '>=', LESS_OR_EQUAL: '<=', GREATER: '>', LESS: '<' } as const;
/** `MAX_DRAWDOWN` ↔ `maxDrawdown`, … (every metric an objective may name). */
export const ObjectiveMetricEnum = Object.fromEntries(objectiveMetrics.map((metric) => [snake(metric), metric])) as Record<string, (typeof objectiveMetrics)[number]>;

registerEnumType(OptimizationStatusEnum, { name: 'OptimizationStatus', description: 'queued → running → completed | failed (a retried job resumes a running one); queued or running → cancelled (cancelOptimization).' });
registerEnumType(SearchMethodEnum, { name: 'SearchMethod', description: 'GRID, RANDOM, LATIN_HYPERCUBE, or BAYESIAN (Tree-structured Parzen Estimator).' });
registerEnumType(WalkForwardSchemeEnum, { name: 'WalkForwardScheme', description: 'ROLLING: fixed-size train window slides; ANCHORED: train window starts at the first bar and grows.' });
registerEnumType(WindowUnitEnum, { name: 'WindowUnit', description: 'Unit of window sizes: bars (rows) or milliseconds of calendar time.' });
registerEnumType(ObjectiveDirectionEnum, { name: 'ObjectiveDirection' });
registerEnumType(ComparisonOperatorEnum, { name: 'ComparisonOperator', description: 'metric <operator> value.' });
registerEnumType(ObjectiveMetricEnum, { name: 'ObjectiveMetric', description: 'A backtest metric (see BacktestMetrics for units), e.g. SHARPE, MAX_DRAWDOWN.' });
