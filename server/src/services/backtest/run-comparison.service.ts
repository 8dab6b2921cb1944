import { BacktestEquityCurve } from '../../domain/backtest/backtest-equity-curve.entity.ts';
import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { unpackFloat64 } from './equity-curve-codec.ts';

/** Equity curves of several runs on one shared time axis. */
export interface AlignedEquity {
  /** Bar times (ms since epoch), ascending: the union of the runs' bar times, downsampled to `maxPoints`. */
  timestamps: number[];
  /** Per run (input order): equity (starting capital 1.0) at or before each time; null before the run's first bar. */
  series: (number | null)[][];
}

/** Side-by-side comparison of backtest runs: the runs in input order and their aligned equity curves. */
export interface RunComparison {
  runs: BacktestRun[];
  equity: AlignedEquity;
}

/** Compares up to 8 backtest runs. */
export class RunComparisonService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * The runs (input order, duplicates removed) and their equity curves aligned on the union of their bar times
   * (last value carried forward), evenly thinned to at most `maxPoints` (4..10000) times.
   * @throws ValidationError (1–8 ids, maxPoints), NotFoundError for an unknown run.
   */
  async compare(ids: readonly string[], maxPoints: number): Promise<RunComparison> {
    await this.governance.authorize('read', 'BacktestRun');
    const unique = [...new Set(ids)];
    if (unique.length < 1 || unique.length > 8) throw new ValidationError('compare 1 to 8 runs', 'ids');
    if (!Number.isInteger(maxPoints) || maxPoints < 4 || maxPoints > 10_000) throw new ValidationError('maxPoints must be between 4 and 10000', 'maxPoints');
    const found = await this.ctx.em.find(BacktestRun, { id: { $in: unique } });
    const runs = unique.map((id) => {
      const run = found.find((row) => row.id === id);
      if (!run) throw new NotFoundError('BacktestRun', id);
      return run;
    });
    const curves = await this.ctx.em.find(BacktestEquityCurve, { run: { $in: unique } });
    const columns = runs.map((run) => {
      const curve = curves.find((row) => row.run.id === run.id);
      return curve ? { times: unpackFloat64(curve.timestamps), equity: unpackFloat64(curve.equity) } : { times: new Float64Array(0), equity: new Float64Array(0) };
    });
    const union = [...new Set(columns.flatMap((column) => Array.from(column.times)))].sort((a, b) => a - b);
    const step = union.length <= maxPoints ? 1 : (union.length - 1) / (maxPoints - 1);
    const picked: number[] = [];
    for (let k = 0; union.length > 0 && Math.round(k * step) < union.length; k++) picked.push(union[Math.round(k * step)]);
    const series = columns.map((column) => {
      let cursor = -1;
      return picked.map((time) => {
        while (cursor + 1 < column.times.length && column.times[cursor + 1] <= time) cursor++;
        return cursor >= 0 ? column.equity[cursor] : null;
      });
    });
    return { runs, equity: { timestamps: picked, series } };
  }
}
