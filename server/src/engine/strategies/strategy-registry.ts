import { EngineInputError } from '../errors/engine-input-error.ts';
import { bollingerMeanReversionStrategy } from './bollinger-mean-reversion.strategy.ts';
import { donchianBreakoutStrategy } from './donchian-breakout.strategy.ts';
import { emaCrossoverStrategy } from './ema-crossover.strategy.ts';
import { macdStrategy } from './macd.strategy.ts';
import { rsiMeanReversionStrategy } from './rsi-mean-reversion.strategy.ts';
import { smaCrossoverStrategy } from './sma-crossover.strategy.ts';
import { timeSeriesMomentumStrategy } from './time-series-momentum.strategy.ts';
import { volatilityTargetedTrendStrategy } from './volatility-targeted-trend.strategy.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/** Every built-in strategy template, in display order. */
export const strategyTemplates: readonly StrategyTemplate[] = Object.freeze([
  smaCrossoverStrategy,
  emaCrossoverStrategy,
  macdStrategy,
  rsiMeanReversionStrategy,
  bollingerMeanReversionStrategy,
  donchianBreakoutStrategy,
  timeSeriesMomentumStrategy,
  volatilityTargetedTrendStrategy,
]);

/**
 * The built-in template with this id.
 *
 * @throws EngineInputError('template') for an unknown id.
 */
export function getStrategyTemplate(id: string): StrategyTemplate {
  const template = strategyTemplates.find((candidate) => candidate.id === id);
  if (template === undefined) {
    throw new EngineInputError('template', `unknown strategy template '${id}' (known: ${strategyTemplates.map((item) => item.id).join(', ')})`);
  }
  return template;
}
