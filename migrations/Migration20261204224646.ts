import { Migration } from '@mikro-orm/migrations';

/**
 * Drops the scorecard entry's `risk_adjusted_returns`, `tail_risk`, `win_rate_stability` and `drift_signals`: copies
 * of `inputs` grouped otherwise than the scoring factors (win_rate_stability held the robustness score, a factor of its
 * own; drift_signals held PBO and DSR, which the engine scores as `overfitting`). Scoring reads `inputs` and writes
 * `factor_contributions` (per factor: points, weight, contribution and its metrics); nothing read the four columns.
 */
export class Migration20261204224646 extends Migration {

  override name = 'Migration20261204224646';

  override up(): void | Promise<void> {
    this.addSql(`alter table "scorecard_entry" drop column "risk_adjusted_returns", drop column "tail_risk", drop column "win_rate_stability", drop column "drift_signals";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "scorecard_entry" add column "risk_adjusted_returns" jsonb not null default '{}', add column "tail_risk" jsonb not null default '{}', add column "win_rate_stability" jsonb not null default '{}', add column "drift_signals" jsonb not null default '{}';`);
    this.addSql(`update "scorecard_entry" set
      "risk_adjusted_returns" = jsonb_build_object('sharpe', inputs->'sharpe', 'sortino', inputs->'sortino', 'calmar', inputs->'calmar'),
      "tail_risk" = jsonb_build_object('maxDrawdown', inputs->'maxDrawdown', 'valueAtRisk', inputs->'valueAtRisk', 'conditionalValueAtRisk', inputs->'conditionalValueAtRisk'),
      "win_rate_stability" = jsonb_build_object('winRateDispersion', inputs->'winRateDispersion', 'robustnessScore', inputs->'robustnessScore'),
      "drift_signals" = jsonb_build_object('probabilityOfBacktestOverfitting', inputs->'probabilityOfBacktestOverfitting', 'deflatedSharpeRatio', inputs->'deflatedSharpeRatio', 'walkForwardEfficiency', inputs->'walkForwardEfficiency', 'liveDrift', inputs->'liveDrift');`);
  }

}
