import { defineEntity, p } from '@mikro-orm/core';
import { BacktestRun } from './backtest-run.entity.ts';

const BacktestEquityCurveSchema = defineEntity({
  name: 'BacktestEquityCurve',
  tableName: 'backtest_equity_curve',
  properties: {
    run: p.oneToOne(BacktestRun).primary().owner().deleteRule('cascade'),
    /** Little-endian Float64 bar times, ms since epoch. */
    timestamps: p.blob(),
    /** Little-endian Float64 equity at each bar close, starting capital 1.0. */
    equity: p.blob(),
    pointCount: p.integer(),
  },
});

/** A run's equity curve stored compactly as two packed float64 arrays (one row per run). */
export class BacktestEquityCurve extends BacktestEquityCurveSchema.class {}
BacktestEquityCurveSchema.setClass(BacktestEquityCurve);
