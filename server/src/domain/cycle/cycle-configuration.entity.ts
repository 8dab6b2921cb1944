import { defineEntity, p } from '@mikro-orm/core';
import type { CycleMetrics, ParameterValue } from '../../engine/index.ts';
import { doubleColumn, idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { EvaluationCycle } from './evaluation-cycle.entity.ts';

/** The engine's cycle metrics as stored: each finite, or null where not defined (NaN, ±∞). */
export type StoredCycleMetrics = { [K in keyof CycleMetrics]: number | null };

const CycleConfigurationSchema = defineEntity({
  name: 'CycleConfiguration',
  tableName: 'cycle_configuration',
  properties: {
    id: idColumn(),
    evaluationCycle: p.manyToOne(EvaluationCycle).deleteRule('cascade'),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('no action'),
    template: p.string(),
    /** Canonical `template:{sorted parameters}` key, unique within the cycle per strategy. */
    configurationKey: p.string(),
    parameters: p.json<Record<string, ParameterValue>>().columnType('jsonb'),
    seed: p.bigint('number'),
    /** Mean over datasets of the stitched out-of-sample annualized Sharpe. */
    outOfSampleSharpe: doubleColumn().nullable(),
    /** Per dataset id: stitched out-of-sample metrics (`sharpe`, `maxDrawdown` fraction, `totalReturn` fraction…). */
    outOfSampleMetrics: p.json<Record<string, StoredCycleMetrics>>().columnType('jsonb'),
  },
  uniques: [{ properties: ['evaluationCycle', 'strategy', 'configurationKey'] }],
});

/** One generated configuration of a cycle and its walk-forward out-of-sample result (a trial). */
export class CycleConfiguration extends CycleConfigurationSchema.class {}
CycleConfigurationSchema.setClass(CycleConfiguration);
