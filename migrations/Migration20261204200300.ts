import { Migration } from '@mikro-orm/migrations';

/**
 * One name and one unit per statistic (issue 10 item 3):
 * - PBO is `probability_of_backtest_overfitting` everywhere (optimization, walk_forward_segment);
 * - DSR is `deflatedSharpeRatio` in stored scoring policies and scorecard entries (was `deflatedSharpe`;
 *   `minDeflatedSharpe` → `minDeflatedSharpeRatio`);
 * - `robustnessScore` is a fraction 0–1 everywhere: trials (was decimal 0–100), scorecard inputs, the win-rate
 *   stability block and factor contributions (÷ 100), and the scoring policies' robustness band (0..100 → 0..1,
 *   which scores every entry exactly as before).
 */
export class Migration20261204200300 extends Migration {

  override name = 'Migration20261204200300';

  override up(): void | Promise<void> {
    this.addSql(`alter table "optimization" rename column "probability_of_overfitting" to "probability_of_backtest_overfitting";`);
    this.addSql(`alter table "walk_forward_segment" rename column "probability_of_overfitting" to "probability_of_backtest_overfitting";`);
    this.addSql(`alter table "hyperparameter_trial" alter column "robustness_score" type double precision using ("robustness_score"::double precision / 100);`);
    this.addSql(`update "scoring_policy" set "definition" = jsonb_set(
      jsonb_set(
        ("definition" #- '{bands,deflatedSharpe}') || jsonb_build_object('bands', ("definition"->'bands') - 'deflatedSharpe' || jsonb_build_object('deflatedSharpeRatio', "definition"->'bands'->'deflatedSharpe')),
        '{bands,robustnessScore}', jsonb_build_object('worst', ("definition"->'bands'->'robustnessScore'->>'worst')::double precision / 100, 'best', ("definition"->'bands'->'robustnessScore'->>'best')::double precision / 100)
      ),
      '{minimumProductionStandard}', ("definition"->'minimumProductionStandard') - 'minDeflatedSharpe' || jsonb_build_object('minDeflatedSharpeRatio', "definition"->'minimumProductionStandard'->'minDeflatedSharpe')
    ) where "definition"->'bands' ? 'deflatedSharpe';`);
    this.addSql(`update "scorecard_entry" set
      "inputs" = ("inputs" - 'deflatedSharpe') || jsonb_build_object('deflatedSharpeRatio', "inputs"->'deflatedSharpe')
        || jsonb_build_object('robustnessScore', case when jsonb_typeof("inputs"->'robustnessScore') = 'number' then to_jsonb(("inputs"->>'robustnessScore')::double precision / 100) else 'null'::jsonb end),
      "drift_signals" = ("drift_signals" - 'deflatedSharpe') || jsonb_build_object('deflatedSharpeRatio', "drift_signals"->'deflatedSharpe'),
      "win_rate_stability" = "win_rate_stability" || jsonb_build_object('robustnessScore', case when jsonb_typeof("win_rate_stability"->'robustnessScore') = 'number' then to_jsonb(("win_rate_stability"->>'robustnessScore')::double precision / 100) else 'null'::jsonb end),
      "missing_inputs" = coalesce((select jsonb_agg(case when value = '"deflatedSharpe"'::jsonb then '"deflatedSharpeRatio"'::jsonb else value end) from jsonb_array_elements("missing_inputs")), '[]'::jsonb),
      "factor_contributions" = coalesce((
        select jsonb_agg(factor || jsonb_build_object('metrics', coalesce((
          select jsonb_agg(case
            when metric->>'metric' = 'deflatedSharpe' then metric || '{"metric":"deflatedSharpeRatio"}'::jsonb
            when metric->>'metric' = 'robustnessScore' and jsonb_typeof(metric->'value') = 'number' then metric || jsonb_build_object('value', (metric->>'value')::double precision / 100)
            else metric end)
          from jsonb_array_elements(factor->'metrics') as metric), '[]'::jsonb)))
        from jsonb_array_elements("factor_contributions") as factor), '[]'::jsonb)
      where "inputs" ? 'deflatedSharpe';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "scorecard_entry" set
      "inputs" = ("inputs" - 'deflatedSharpeRatio') || jsonb_build_object('deflatedSharpe', "inputs"->'deflatedSharpeRatio')
        || jsonb_build_object('robustnessScore', case when jsonb_typeof("inputs"->'robustnessScore') = 'number' then to_jsonb(("inputs"->>'robustnessScore')::double precision * 100) else 'null'::jsonb end),
      "drift_signals" = ("drift_signals" - 'deflatedSharpeRatio') || jsonb_build_object('deflatedSharpe', "drift_signals"->'deflatedSharpeRatio'),
      "win_rate_stability" = "win_rate_stability" || jsonb_build_object('robustnessScore', case when jsonb_typeof("win_rate_stability"->'robustnessScore') = 'number' then to_jsonb(("win_rate_stability"->>'robustnessScore')::double precision * 100) else 'null'::jsonb end),
      "missing_inputs" = coalesce((select jsonb_agg(case when value = '"deflatedSharpeRatio"'::jsonb then '"deflatedSharpe"'::jsonb else value end) from jsonb_array_elements("missing_inputs")), '[]'::jsonb),
      "factor_contributions" = coalesce((
        select jsonb_agg(factor || jsonb_build_object('metrics', coalesce((
          select jsonb_agg(case
            when metric->>'metric' = 'deflatedSharpeRatio' then metric || '{"metric":"deflatedSharpe"}'::jsonb
            when metric->>'metric' = 'robustnessScore' and jsonb_typeof(metric->'value') = 'number' then metric || jsonb_build_object('value', (metric->>'value')::double precision * 100)
            else metric end)
          from jsonb_array_elements(factor->'metrics') as metric), '[]'::jsonb)))
        from jsonb_array_elements("factor_contributions") as factor), '[]'::jsonb)
      where "inputs" ? 'deflatedSharpeRatio';`);
    this.addSql(`update "scoring_policy" set "definition" = jsonb_set(
      jsonb_set(
        "definition" || jsonb_build_object('bands', ("definition"->'bands') - 'deflatedSharpeRatio' || jsonb_build_object('deflatedSharpe', "definition"->'bands'->'deflatedSharpeRatio')),
        '{bands,robustnessScore}', jsonb_build_object('worst', ("definition"->'bands'->'robustnessScore'->>'worst')::double precision * 100, 'best', ("definition"->'bands'->'robustnessScore'->>'best')::double precision * 100)
      ),
      '{minimumProductionStandard}', ("definition"->'minimumProductionStandard') - 'minDeflatedSharpeRatio' || jsonb_build_object('minDeflatedSharpe', "definition"->'minimumProductionStandard'->'minDeflatedSharpeRatio')
    ) where "definition"->'bands' ? 'deflatedSharpeRatio';`);
    this.addSql(`alter table "hyperparameter_trial" alter column "robustness_score" type numeric(5,2) using round(("robustness_score" * 100)::numeric, 2);`);
    this.addSql(`alter table "walk_forward_segment" rename column "probability_of_backtest_overfitting" to "probability_of_overfitting";`);
    this.addSql(`alter table "optimization" rename column "probability_of_backtest_overfitting" to "probability_of_overfitting";`);
  }
}
